using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ViT.Onnx;

/// <summary>
/// Classifies images with a model that ViT# exported to ONNX (<c>model.ExportOnnx(path)</c>), run by ONNX Runtime:
/// no TorchSharp or libtorch needed. Images go in as float32 <c>[batch, C, H, W]</c>, row-major, prepared as for
/// training (MNIST: values in [0, 1]); the batch may be any size. The input's and the output's shapes are read from
/// the file, as are the model's name and summary.
/// </summary>
/// <example>
/// <code>
/// using var classifier = new OnnxClassifier("out/timm/timm.onnx");
/// int[] digits = classifier.Classify(images); // images: float[batch * 1 * 28 * 28]
/// </code>
/// </example>
public sealed class OnnxClassifier : IDisposable
{
    readonly InferenceSession session;
    readonly string[] inputNames;
    readonly string[] outputNames;
    readonly long sampleSize;

    /// <summary>Loads the model at <paramref name="path"/>, with ONNX Runtime's full graph optimisations unless <paramref name="options"/> say otherwise.</summary>
    /// <param name="path">An .onnx file written by a ViT# model's <c>ExportOnnx</c>.</param>
    /// <param name="options">ONNX Runtime's session options (threads, execution providers, optimisation level), or null for its defaults.</param>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not an ONNX model that ONNX Runtime can load, or not a classifier of images (one float input with a dynamic batch, one float output).</exception>
    public OnnxClassifier(string path, SessionOptions? options = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No ONNX model at {path}.", path);
        Path = path;
        try
        {
            session = options is null ? new InferenceSession(path) : new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"{path} is not an ONNX model that ONNX Runtime can load: {e.Message}", e);
        }

        try
        {
            (string inputName, InputShape) = SingleFloat(session.InputMetadata, "input");
            (string outputName, var outputShape) = SingleFloat(session.OutputMetadata, "output");
            if (outputShape.Count != 1) throw new InvalidDataException($"{path} outputs [batch, {string.Join(", ", outputShape)}]; a classifier outputs [batch, classes].");
            Classes = (int)outputShape[0];
            inputNames = new[] { inputName };
            outputNames = new[] { outputName };
            sampleSize = InputShape.Aggregate(1L, (a, b) => a * b);
            Metadata = session.ModelMetadata.CustomMetadataMap;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The file the model was loaded from.</summary>
    public string Path { get; }

    /// <summary>The shape of one input image without the batch, such as <c>[1, 28, 28]</c>.</summary>
    public IReadOnlyList<long> InputShape { get; }

    /// <summary>The number of classes the model scores.</summary>
    public int Classes { get; }

    /// <summary>The file's metadata: for a ViT# export, the model's name, summary and the ViT# version.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The model's class name, when the file was written by ViT#.</summary>
    public string? ModelName => Metadata.TryGetValue(OnnxNames.ModelKey, out var name) ? name : null;

    /// <summary>The model's summary table, when the file was written by ViT#.</summary>
    public string? Summary => Metadata.TryGetValue(OnnxNames.SummaryKey, out var summary) ? summary : null;

    /// <summary>
    /// The scores of every class for each image: <paramref name="images"/> holds whole images one after the other
    /// (the batch is its length over the size of one image); returns <c>[batch, classes]</c>, row-major.
    /// </summary>
    /// <exception cref="ArgumentException">The length is not a positive multiple of one image's size.</exception>
    public float[] Logits(float[] images) => Logits(images.AsMemory());

    /// <summary>As <see cref="Logits(float[])"/>, for images anywhere in memory (a slice of a larger array, without copying it).</summary>
    /// <exception cref="ArgumentException">The length is not a positive multiple of one image's size.</exception>
    public float[] Logits(Memory<float> images)
    {
        long batch = Batch(images.Length);
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, images, new[] { batch }.Concat(InputShape).ToArray());
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, inputNames, new[] { input }, outputNames);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>The scores of every class for a batch of images <c>[batch, C, H, W]</c>; returns <c>[batch, classes]</c>.</summary>
    /// <exception cref="ArgumentException">The tensor's shape is not <c>[batch, C, H, W]</c> of this model.</exception>
    public DenseTensor<float> Logits(DenseTensor<float> images)
    {
        var dims = images.Dimensions.ToArray();
        if (dims.Length != InputShape.Count + 1 || !dims.Skip(1).Select(d => (long)d).SequenceEqual(InputShape))
            throw new ArgumentException($"{ModelName ?? Path} takes images [batch, {string.Join(", ", InputShape)}], not [{string.Join(", ", dims)}].", nameof(images));
        return new DenseTensor<float>(Logits(images.Buffer.ToArray()), new[] { dims[0], Classes });
    }

    /// <summary>The most likely class of each image in <paramref name="images"/> (whole images one after the other).</summary>
    public int[] Classify(float[] images) => ArgMax(Logits(images));

    /// <summary>The most likely class of each image in <paramref name="images"/>, anywhere in memory.</summary>
    public int[] Classify(Memory<float> images) => ArgMax(Logits(images));

    /// <summary>The most likely class of each image of a batch <c>[batch, C, H, W]</c>.</summary>
    public int[] Classify(DenseTensor<float> images) => ArgMax(Logits(images).Buffer.ToArray());

    /// <summary>Releases ONNX Runtime's session.</summary>
    public void Dispose() => session.Dispose();

    long Batch(int length)
    {
        if (length == 0 || length % sampleSize != 0)
            throw new ArgumentException($"{ModelName ?? Path} takes whole images of {sampleSize} values ([{string.Join(", ", InputShape)}]); {length} values are {(length == 0 ? "none" : $"{length / (double)sampleSize:0.##} images")}.", "images");
        return length / sampleSize;
    }

    /// <summary>The most likely class of each row of <paramref name="logits"/> (<c>[batch, classes]</c>, as <see cref="Logits(float[])"/> returns them).</summary>
    public int[] ArgMax(ReadOnlySpan<float> logits)
    {
        var classes = new int[logits.Length / Classes];
        for (int i = 0; i < classes.Length; i++)
        {
            var row = logits.Slice(i * Classes, Classes);
            int best = 0;
            for (int c = 1; c < row.Length; c++) if (row[c] > row[best]) best = c;
            classes[i] = best;
        }

        return classes;
    }

    /// <summary>The one float input or output and its shape without the batch, or why the file is not a ViT# classifier.</summary>
    (string Name, IReadOnlyList<long> Shape) SingleFloat(IReadOnlyDictionary<string, NodeMetadata> values, string what)
    {
        if (values.Count != 1) throw new InvalidDataException($"{Path} has {values.Count} {what}s; a classifier has one.");
        var (name, metadata) = values.First();
        if (metadata.ElementDataType != TensorElementType.Float) throw new InvalidDataException($"{Path}: the {what} '{name}' holds {metadata.ElementDataType}, not float32.");
        int[] dims = metadata.Dimensions;
        if (dims.Length < 2 || dims[0] != -1 || dims.Skip(1).Any(d => d <= 0))
            throw new InvalidDataException($"{Path}: the {what} '{name}' has shape [{string.Join(", ", metadata.SymbolicDimensions.Zip(dims, (s, d) => d >= 0 ? d.ToString() : s))}]; a classifier's is [batch, ...] with the batch its only dynamic size.");
        return (name, dims.Skip(1).Select(d => (long)d).ToArray());
    }
}

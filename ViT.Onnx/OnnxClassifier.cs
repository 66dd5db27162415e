using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SkiaSharp;
using ViT.Imaging;

namespace ViT.Onnx;

/// <summary>
/// Classifies images with a model that ViT# exported to ONNX (<c>model.ExportOnnx(path)</c>), run by ONNX Runtime:
/// no TorchSharp or libtorch needed. A picture (a file, a stream or a decoded <see cref="SKBitmap"/>) is turned into the
/// input as the file's metadata says, exactly as ViT#'s training decodes pictures, and comes back as the top classes with
/// their names and probabilities. Prepared images go in as float32 <c>[batch, C, H, W]</c>, row-major, in [0, 1] (the
/// file's graph applies the training's normalisation itself); the batch may be any size. The input's and the output's
/// shapes are read from the file, as are the model's name, summary, class names and preprocessing.
/// </summary>
/// <example>
/// <code>
/// using var classifier = new OnnxClassifier("out/cnn/cnn.onnx");
/// foreach (var score in classifier.ClassifyImage("digit.png", top: 3))
///     Console.WriteLine($"{score.Name}: {score.Probability:P1}");
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
    /// <exception cref="InvalidDataException">The file is not an ONNX model that ONNX Runtime can load, not a classifier of images (one float input with a dynamic batch, one float output), or its metadata contradicts its shapes.</exception>
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
            ClassNames = ReadClassNames();
            image = ReadImageInput();
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

    /// <summary>Each class's name, in the order of the logits: the file's (<c>vit_sharp.classes</c>), or <c>0</c>, <c>1</c>, ... when it names none.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The per-channel mean of the normalisation the file's graph applies to its input, or null for none.</summary>
    public IReadOnlyList<float>? Mean => image?.NormalizationInGraph == true ? image.Mean : null;

    /// <summary>The per-channel standard deviation of the normalisation the file's graph applies, or null for none.</summary>
    public IReadOnlyList<float>? Std => image?.NormalizationInGraph == true ? image.Std : null;

    /// <summary>The most pixels (width × height) a picture may declare; larger ones are refused before they are decoded (50 million by default).</summary>
    public long MaxImagePixels { get; set; } = 50_000_000;

    readonly OnnxImageInput? image;

    /// <summary>
    /// Refuses, in one line naming both, data that does not fit this file: images of <paramref name="imageShape"/>
    /// (<c>[C, H, W]</c>) in <paramref name="classes"/> classes, as <paramref name="source"/> (such as <c>"MNIST"</c>) gives them.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes or the class counts differ.</exception>
    public void RequireFits(IReadOnlyList<long> imageShape, int classes, string source)
    {
        if (imageShape.SequenceEqual(InputShape) && classes == Classes) return;
        throw new ArgumentException($"{Path} takes images {Format(InputShape)} and scores {Classes} classes, but {source} gives images {Format(imageShape)} of {classes} classes; " +
            "use a model exported for this data, or data of the model's input and classes.");
    }

    /// <summary>
    /// The input of one picture, <c>[C, H, W]</c> float32 row-major: decoded as ViT#'s training decodes pictures (gray
    /// as ITU-R 601 luma, stretched to the input's size with mipmapped bilinear filtering), times the file's pixel scale.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model does not take images.</exception>
    public float[] ImageInput(SKBitmap picture)
    {
        var input = image ?? throw new InvalidOperationException($"{ModelName ?? Path} takes {Format(InputShape)}, not images [C, H, W].");
        byte[] planes = ImagePixels.Planes(picture, input.Channels, input.Height, input.Width);
        float scale = (float)input.PixelScale;
        var values = new float[planes.Length];
        for (int i = 0; i < values.Length; i++) values[i] = planes[i] * scale;
        return values;
    }

    /// <summary>The <paramref name="top"/> most likely classes of the picture in the file <paramref name="picturePath"/>, most likely first.</summary>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="picturePath"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not a picture, is damaged, or is larger than <see cref="MaxImagePixels"/>.</exception>
    public IReadOnlyList<ClassScore> ClassifyImage(string picturePath, int top = 5)
    {
        using var picture = PictureDecoder.Decode(picturePath, MaxImagePixels);
        return ClassifyImage(picture, top);
    }

    /// <summary>The <paramref name="top"/> most likely classes of the picture in <paramref name="picture"/> (read to its end), most likely first.</summary>
    /// <exception cref="InvalidDataException">The stream holds no picture, a damaged one, or one larger than <see cref="MaxImagePixels"/>.</exception>
    public IReadOnlyList<ClassScore> ClassifyImage(Stream picture, int top = 5)
    {
        using var decoded = PictureDecoder.Decode(picture, MaxImagePixels);
        return ClassifyImage(decoded, top);
    }

    /// <summary>The <paramref name="top"/> most likely classes of a decoded picture (any size and color type), most likely first.</summary>
    public IReadOnlyList<ClassScore> ClassifyImage(SKBitmap picture, int top = 5) => Top(Probabilities(ImageInput(picture)), top);

    /// <summary>Softmax of <see cref="Logits(float[])"/>: each image's class probabilities, <c>[batch, classes]</c>, row-major.</summary>
    public float[] Probabilities(float[] images)
    {
        float[] logits = Logits(images);
        var probabilities = new float[logits.Length];
        for (int row = 0; row < logits.Length / Classes; row++)
        {
            var scores = logits.AsSpan(row * Classes, Classes);
            double max = double.NegativeInfinity, sum = 0;
            foreach (float score in scores) max = Math.Max(max, score);
            foreach (float score in scores) sum += Math.Exp(score - max);
            for (int c = 0; c < Classes; c++) probabilities[row * Classes + c] = (float)(Math.Exp(scores[c] - max) / sum);
        }
        return probabilities;
    }

    /// <summary>The <paramref name="top"/> most likely classes of one image's <paramref name="probabilities"/>, most likely first (ties by index).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> is below 1.</exception>
    public IReadOnlyList<ClassScore> Top(ReadOnlySpan<float> probabilities, int top)
    {
        if (top < 1) throw new ArgumentOutOfRangeException(nameof(top), top, "ask for at least one class.");
        if (probabilities.Length != Classes) throw new ArgumentException($"{ModelName ?? Path} scores {Classes} classes, not {probabilities.Length}.", nameof(probabilities));
        var scores = new ClassScore[Classes];
        for (int c = 0; c < Classes; c++) scores[c] = new ClassScore(c, ClassNames[c], probabilities[c]);
        return scores.OrderByDescending(score => score.Probability).ThenBy(score => score.Index).Take(top).ToArray();
    }

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

    static string Format(IEnumerable<long> shape) => $"[{string.Join(", ", shape)}]";

    /// <summary>The file's class names, checked against its output; the indices when it names none.</summary>
    string[] ReadClassNames()
    {
        if (!Metadata.TryGetValue(OnnxNames.ClassesKey, out string? json)) return Enumerable.Range(0, Classes).Select(i => i.ToString()).ToArray();
        string[] names;
        try
        {
            names = OnnxImageInput.ParseClasses(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{Path}: the metadata {OnnxNames.ClassesKey} is not a JSON array of strings ({e.Message}).", e);
        }
        if (names.Length != Classes)
            throw new InvalidDataException($"{Path} names {names.Length} classes in {OnnxNames.ClassesKey} but scores {Classes}; export it again with one name per class.");
        return names;
    }

    /// <summary>How a picture becomes the input: the file's metadata, or for a file without it, ViT#'s rule at the input's shape; null when the model does not take images.</summary>
    OnnxImageInput? ReadImageInput()
    {
        bool takesImages = InputShape.Count == 3 && InputShape[0] is 1 or 3;
        if (!Metadata.TryGetValue(OnnxNames.PreprocessingKey, out string? json)) return takesImages ? OnnxImageInput.For(InputShape) : null;
        OnnxImageInput input;
        try
        {
            input = OnnxImageInput.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{Path}: the metadata {OnnxNames.PreprocessingKey} is not the JSON object ViT# writes ({e.Message}).", e);
        }
        if (!takesImages || !new long[] { input.Channels, input.Height, input.Width }.SequenceEqual(InputShape))
            throw new InvalidDataException($"{Path}: its metadata {OnnxNames.PreprocessingKey} describes images [{input.Channels}, {input.Height}, {input.Width}] but the model takes {Format(InputShape)}.");
        return input;
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

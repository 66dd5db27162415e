using System.Reflection;
using Google.Protobuf;
using Onnx;
using ViT.IO;
using static TorchSharp.torch;

namespace ViT.Onnx;

/// <summary>
/// Writes a generated model as an ONNX model: what every model's <c>ExportOnnx</c> calls. Operator set
/// <see cref="OnnxGraph.Opset"/>, a dynamic batch, the input <c>images</c> <c>[batch, C, H, W]</c> float32 (<c>input</c>
/// for tokens or vectors), the output <c>logits</c> <c>[batch, classes]</c> (<c>output</c> when the model does not end
/// in a vector), initializers named as the state dict, and the summary and ViT# version in the metadata. Inference
/// form: dropout is left out and batch norm uses its running statistics. An image model's file also says how a picture
/// becomes its input (<c>vit_sharp.preprocessing</c>); an <see cref="OnnxPreprocessing"/> adds the class names and
/// puts the training's normalisation into the graph.
/// </summary>
public static class OnnxExport
{
    /// <summary>
    /// Writes <paramref name="model"/> to the file <paramref name="path"/>, creating its folder; an existing file is replaced
    /// only once the new one is complete (<see cref="AtomicFile"/>).
    /// </summary>
    public static void Save<TModel>(TModel model, string path, OnnxPreprocessing? preprocessing = null) where TModel : nn.Module, IGeneratedModel =>
        Save(model, model, path, preprocessing);

    /// <summary>Writes <paramref name="model"/> to <paramref name="stream"/>.</summary>
    public static void Save<TModel>(TModel model, Stream stream, OnnxPreprocessing? preprocessing = null) where TModel : nn.Module, IGeneratedModel =>
        Save(model, model, stream, preprocessing);

    /// <summary>Writes the generated model <paramref name="module"/> (also seen as <paramref name="model"/>) to <paramref name="path"/>, atomically.</summary>
    internal static void Save(nn.Module module, IGeneratedModel model, string path, OnnxPreprocessing? preprocessing)
    {
        var proto = Build(module, model, preprocessing);
        AtomicFile.Write(path, proto.WriteTo);
    }

    /// <summary>Writes the generated model <paramref name="module"/> (also seen as <paramref name="model"/>) to <paramref name="stream"/>.</summary>
    internal static void Save(nn.Module module, IGeneratedModel model, Stream stream, OnnxPreprocessing? preprocessing) =>
        Build(module, model, preprocessing).WriteTo(stream);

    /// <summary>The version of ViT# that writes the files, as its assembly states it.</summary>
    public static string Version { get; } =
        typeof(OnnxExport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(OnnxExport).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    internal static ModelProto Build<TModel>(TModel model) where TModel : nn.Module, IGeneratedModel => Build(model, model, preprocessing: null);

    internal static ModelProto Build(nn.Module module, IGeneratedModel model, OnnxPreprocessing? preprocessing)
    {
        var summary = model.Summary;
        var image = Describe(summary, preprocessing);
        var state = module.state_dict();
        var graph = new OnnxGraph(state);
        string input = graph.Input(OnnxNames.InputFor(summary.InputShape.Count), summary.InputShape);
        if (image is { NormalizationInGraph: true, Mean: { } mean, Std: { } std }) input = graph.Normalize(input, mean, std);
        string output = model.AppendOnnx(graph, input, "");
        graph.Output(output, OnnxNames.OutputFor(summary.OutputShape.Count), summary.OutputShape);
        graph.Proto.Name = summary.ModelName;

        var proto = new ModelProto
        {
            IrVersion = (long)global::Onnx.Version.IrVersion,
            ProducerName = OnnxNames.Producer,
            ProducerVersion = Version,
            DocString = $"{summary.ModelName}, exported by ViT# {Version}",
            Graph = graph.Proto,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OnnxGraph.Opset });
        proto.MetadataProps.Add(new StringStringEntryProto { Key = OnnxNames.ModelKey, Value = summary.ModelName });
        proto.MetadataProps.Add(new StringStringEntryProto { Key = OnnxNames.SummaryKey, Value = summary.ToString() });
        proto.MetadataProps.Add(new StringStringEntryProto { Key = OnnxNames.VersionKey, Value = Version });
        if (image is not null) proto.MetadataProps.Add(new StringStringEntryProto { Key = OnnxNames.PreprocessingKey, Value = image.ToJson() });
        if (preprocessing?.ClassNames is { } names) proto.MetadataProps.Add(new StringStringEntryProto { Key = OnnxNames.ClassesKey, Value = OnnxImageInput.ClassesToJson(names) });
        return proto;
    }

    /// <summary>How a picture becomes the input of an image model (null for tokens or vectors), checked against <paramref name="preprocessing"/>.</summary>
    static OnnxImageInput? Describe(ModelSummary summary, OnnxPreprocessing? preprocessing)
    {
        var names = preprocessing?.ClassNames;
        if (names is not null && (summary.OutputShape.Count != 1 || summary.OutputShape[0] != names.Count))
            throw new ArgumentException($"{summary.ModelName} outputs [{string.Join(", ", summary.OutputShape)}] but {names.Count} class names were given; give one name per class.", nameof(preprocessing));
        var normalize = preprocessing?.Normalize;
        if (summary.InputShape.Count != 3)
        {
            return normalize is null ? null
                : throw new ArgumentException($"{summary.ModelName} takes [{string.Join(", ", summary.InputShape)}], not images; only an image model's file can normalise its input.", nameof(preprocessing));
        }
        var image = OnnxImageInput.For(summary.InputShape);
        if (normalize is null) return image;
        if (normalize.Mean.Count != image.Channels)
            throw new ArgumentException($"the normalisation has {normalize.Mean.Count} channel(s) but {summary.ModelName} takes images of {image.Channels}; give one mean and std per channel.", nameof(preprocessing));
        return image with { Mean = normalize.Mean.ToArray(), Std = normalize.Std.ToArray(), NormalizationInGraph = true };
    }
}

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
/// form: dropout is left out and batch norm uses its running statistics.
/// </summary>
public static class OnnxExport
{
    /// <summary>
    /// Writes <paramref name="model"/> to the file <paramref name="path"/>, creating its folder; an existing file is replaced
    /// only once the new one is complete (<see cref="AtomicFile"/>).
    /// </summary>
    public static void Save<TModel>(TModel model, string path) where TModel : nn.Module, IGeneratedModel
    {
        var proto = Build(model);
        AtomicFile.Write(path, proto.WriteTo);
    }

    /// <summary>Writes <paramref name="model"/> to <paramref name="stream"/>.</summary>
    public static void Save<TModel>(TModel model, Stream stream) where TModel : nn.Module, IGeneratedModel => Build(model).WriteTo(stream);

    /// <summary>The version of ViT# that writes the files, as its assembly states it.</summary>
    public static string Version { get; } =
        typeof(OnnxExport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(OnnxExport).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    internal static ModelProto Build<TModel>(TModel model) where TModel : nn.Module, IGeneratedModel
    {
        var summary = model.Summary;
        var state = model.state_dict();
        var graph = new OnnxGraph(state);
        string input = graph.Input(OnnxNames.InputFor(summary.InputShape.Count), summary.InputShape);
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
        return proto;
    }
}

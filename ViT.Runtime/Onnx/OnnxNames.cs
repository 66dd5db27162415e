namespace ViT.Onnx;

/// <summary>
/// The names an exported ViT# ONNX file uses for its input, output and metadata: one file, compiled into ViT.Runtime
/// (which writes them) and ViT.Onnx (which reads them), so that the two agree without ViT.Onnx needing TorchSharp.
/// </summary>
internal static class OnnxNames
{
    /// <summary>The input of a model that takes images <c>[batch, C, H, W]</c>.</summary>
    public const string Images = "images";

    /// <summary>The input of a model that takes tokens or vectors.</summary>
    public const string Input = "input";

    /// <summary>The output of a model that ends in a vector (class scores) <c>[batch, classes]</c>.</summary>
    public const string Logits = "logits";

    /// <summary>The output of a model that ends in tokens or images.</summary>
    public const string Output = "output";

    /// <summary>Metadata: the model's class name.</summary>
    public const string ModelKey = "vit_sharp.model";

    /// <summary>Metadata: the model's summary table, as ViT# prints it.</summary>
    public const string SummaryKey = "vit_sharp.summary";

    /// <summary>Metadata: the class names, a JSON array of strings in the order of the logits.</summary>
    public const string ClassesKey = "vit_sharp.classes";

    /// <summary>Metadata: what turns a picture into the input, a JSON object (<see cref="OnnxImageInput"/>).</summary>
    public const string PreprocessingKey = "vit_sharp.preprocessing";

    /// <summary>Metadata: the version of ViT# that wrote the file.</summary>
    public const string VersionKey = "vit_sharp.version";

    /// <summary>The producer named in the file.</summary>
    public const string Producer = "ViT#";

    /// <summary>The input's name for a sample of <paramref name="rank"/> dimensions (3 is an image).</summary>
    public static string InputFor(int rank) => rank == 3 ? Images : Input;

    /// <summary>The output's name for a sample of <paramref name="rank"/> dimensions (1 is a vector of scores).</summary>
    public static string OutputFor(int rank) => rank == 1 ? Logits : Output;
}

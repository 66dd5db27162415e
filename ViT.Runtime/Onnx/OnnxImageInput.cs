using System.Text.Json;
using System.Text.Json.Serialization;

namespace ViT.Onnx;

/// <summary>
/// What turns a picture into an exported model's input, as the file's <c>vit_sharp.preprocessing</c> metadata states it
/// in JSON (snake_case keys), for ViT.Onnx, the browser and any other reader: decode, convert to <see cref="Color"/>, stretch
/// to <see cref="Width"/> × <see cref="Height"/> by <see cref="Resize"/>, lay out as planes <c>[C, H, W]</c>, multiply by
/// <see cref="PixelScale"/>. A normalisation (<see cref="Mean"/>, <see cref="Std"/>) is done by the graph's first nodes
/// when <see cref="NormalizationInGraph"/>, so readers do not apply it again. One file, compiled into ViT.Runtime (which
/// writes it) and ViT.Onnx (which reads it).
/// </summary>
internal sealed record OnnxImageInput
{
    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The layout of the input tensor.</summary>
    public string Layout { get; init; } = "NCHW";

    /// <summary>1 (gray) or 3 (RGB).</summary>
    public int Channels { get; init; }

    /// <summary>Rows of the input.</summary>
    public int Height { get; init; }

    /// <summary>Columns of the input.</summary>
    public int Width { get; init; }

    /// <summary><c>gray</c> (ITU-R 601 luma of R, G, B) or <c>rgb</c>; alpha is dropped.</summary>
    public string Color => Channels == 1 ? "gray" : "rgb";

    /// <summary>How a picture of another size is brought to the input's: stretched (no crop), bilinear, antialiased when shrinking.</summary>
    public string Resize { get; init; } = ViT.Imaging.ImagePixels.ResizeRule;

    /// <summary>What each 8-bit value is multiplied by: 1/255, so the input lies in [0, 1].</summary>
    public double PixelScale { get; init; } = 1.0 / 255;

    /// <summary>Each channel's mean of the normalisation (x − mean) / std, or null for none.</summary>
    public float[]? Mean { get; init; }

    /// <summary>Each channel's standard deviation of the normalisation, or null for none.</summary>
    public float[]? Std { get; init; }

    /// <summary>Whether the graph normalises its input itself (its first nodes are Sub and Div): readers give it [0, 1] pixels.</summary>
    public bool NormalizationInGraph { get; init; }

    /// <summary>The input for an image of <paramref name="shape"/> (<c>[C, H, W]</c>) without a normalisation.</summary>
    public static OnnxImageInput For(IReadOnlyList<long> shape) => new() { Channels = (int)shape[0], Height = (int)shape[1], Width = (int)shape[2] };

    /// <summary>The metadata's JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads the metadata's JSON; throws <see cref="JsonException"/> when it is not.</summary>
    public static OnnxImageInput Parse(string json) =>
        JsonSerializer.Deserialize<OnnxImageInput>(json, Json) ?? throw new JsonException("the preprocessing metadata is null.");

    /// <summary>The class names as the <c>vit_sharp.classes</c> metadata holds them: a JSON array of strings.</summary>
    public static string ClassesToJson(IReadOnlyList<string> names) => JsonSerializer.Serialize(names);

    /// <summary>Reads the class names' JSON array.</summary>
    public static string[] ParseClasses(string json) =>
        JsonSerializer.Deserialize<string[]>(json) ?? throw new JsonException("the class names are null.");
}

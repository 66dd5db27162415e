using System.Globalization;
using System.Text.Json;
using ViT.Weights;

namespace ViT.Models.Tests.Zoo;

/// <summary>
/// What tools/zoo_reference.py recorded of one zoo model's reference (docs/zoo-reference.md): the state dict's names,
/// dtypes and shapes, the parameter count and forward FLOPs, and, for formula weights, every BatchNorm's running
/// statistics and the logits of the formula input.
/// </summary>
/// <param name="Model">The zoo class's name.</param>
/// <param name="Reference">The reference: library, version and constructor (<c>torchvision 0.14.1a0 models.resnet50</c>).</param>
/// <param name="InputShape">The input batch's shape, <c>[2, 3, H, W]</c>.</param>
/// <param name="Parameters">The reference's parameter count.</param>
/// <param name="ForwardFlops">Forward FLOPs per image by ViT#'s definition (2 x the multiply-adds of every Conv2d and
/// Linear and of the attention's two products).</param>
/// <param name="StateDict">The reference's state dict in its order.</param>
/// <param name="Statistics">Every BatchNorm's <c>running_mean</c> and <c>running_var</c>, by state-dict name.</param>
/// <param name="Logits">The reference's logits of the formula input, <c>[2, classes]</c>.</param>
public sealed record ZooFixture(string Model, string Reference, long[] InputShape, long Parameters, long ForwardFlops,
    IReadOnlyList<StateDictEntry> StateDict, IReadOnlyDictionary<string, SafeTensorsEntry> Statistics, SafeTensorsEntry Logits)
{
    /// <summary>The tensor holding the reference's logits.</summary>
    public const string LogitsName = "__logits__";

    /// <summary>The folder the fixtures are copied to.</summary>
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "zoo");

    /// <summary>The zoo's class names, in the order of tools/zoo_reference.py.</summary>
    public static readonly IReadOnlyList<string> Models =
    [
        "ResNet18", "ResNet50", "MobileNetV2", "MobileNetV3Small", "EfficientNetB0", "ConvNeXtTiny", "DenseNet121", "RegNetX400MF",
        "Vgg11BN", "VitTinyPatch16", "VitSmallPatch16", "VitBasePatch16", "DeitTinyDistilledPatch16", "VitBasePatch16Reg4Gap",
    ];

    /// <summary>Reads the fixture of the zoo class <paramref name="model"/>.</summary>
    public static ZooFixture Load(string model) => Read(Path.Combine(Folder, $"{model}.safetensors"));

    /// <summary>Reads a fixture file.</summary>
    /// <exception cref="SafeTensorsFormatException">The file is not a zoo fixture.</exception>
    public static ZooFixture Read(string path)
    {
        var (tensors, metadata) = SafeTensorsFile.Read(path);
        string Field(string key) => metadata.TryGetValue(key, out string? value) ? value : throw new SafeTensorsFormatException(path, $"the metadata has no {key}; is it a zoo fixture of tools/zoo_reference.py?");
        T Parse<T>(string key, Func<string, T> parse)
        {
            try
            {
                return parse(Field(key));
            }
            catch (Exception e) when (e is FormatException or JsonException or OverflowException or InvalidOperationException or IndexOutOfRangeException)
            {
                throw new SafeTensorsFormatException(path, $"the metadata's {key} cannot be read ({e.Message}).", e);
            }
        }

        var stateDict = Parse("state_dict", text => JsonDocument.Parse(text).RootElement.EnumerateArray().Select(entry => new StateDictEntry(
            entry[0].GetString()!, entry[1].GetString()!, entry[2].EnumerateArray().Select(size => size.GetInt64()).ToArray(), entry[3].GetString() == "parameter")).ToArray());
        if (!tensors.TryGetValue(LogitsName, out var logits)) throw new SafeTensorsFormatException(path, $"there is no {LogitsName} tensor.");
        return new ZooFixture(
            Field("model"),
            Field("reference"),
            Parse("input_shape", text => JsonSerializer.Deserialize<long[]>(text) ?? throw new FormatException("null")),
            Parse("parameters", text => long.Parse(text, CultureInfo.InvariantCulture)),
            Parse("forward_flops", text => long.Parse(text, CultureInfo.InvariantCulture)),
            stateDict,
            tensors.Where(t => t.Key != LogitsName).ToDictionary(t => t.Key, t => t.Value),
            logits);
    }
}

using System.Globalization;
using ViT;

namespace ViT.Generators.Tests.Fuzzing;

/// <summary>
/// Every attribute of the algebra (ViT.Runtime/Attributes) with its constructor parameters and properties, written out
/// independently of the generator, and random instances of them: sane small sizes most of the time, hostile values otherwise.
/// </summary>
internal static class AttributeCatalog
{
    static readonly ParameterDraft[] EncoderOptions =
    {
        new("Attention", ArgumentKind.Enum, true, EnumType: typeof(AttentionKind)),
        new("MlpRatio", ArgumentKind.Double, true),
        new("Activation", ArgumentKind.Enum, true, EnumType: typeof(Activation)),
        new("QkvBias", ArgumentKind.Bool, true),
        new("NormEpsilon", ArgumentKind.Double, true),
        new("FinalNorm", ArgumentKind.Enum, true, EnumType: typeof(FinalNorm)),
        new("Dropout", ArgumentKind.Double, true),
        new("AttentionDropout", ArgumentKind.Double, true),
        new("DropPath", ArgumentKind.Double, true),
        new("LayerScale", ArgumentKind.Double, true),
    };

    /// <summary>What every layer attribute (<c>LayerAttributeBase</c>) has: a state-dict name and a condition.</summary>
    static readonly ParameterDraft[] LayerOptions = { new("Name", ArgumentKind.String, true), new("When", ArgumentKind.Bool, true) };

    /// <summary>The attributes that are not layers (no <c>Name</c>, no <c>When</c>).</summary>
    static readonly string[] NotLayers = { "Input", "VisionTransformer", "Initialize", "Precision", "Block" };

    /// <summary>Short name → parameters (positional first, then properties); Input has three overloads, drawn at random.</summary>
    public static readonly IReadOnlyDictionary<string, ParameterDraft[]> Attributes = new Dictionary<string, ParameterDraft[]>
    {
        ["Input"] = Ints("channels", "height", "width"),
        ["Conv2d"] = Ints("channels", "kernel").Concat(new ParameterDraft[]
        {
            new("stride", ArgumentKind.Int, IsOptional: true), new("padding", ArgumentKind.Int, IsOptional: true),
            new("Bias", ArgumentKind.Bool, true), new("Groups", ArgumentKind.Int, true), new("Dilation", ArgumentKind.Int, true),
        }).ToArray(),
        ["MaxPool2d"] = Pool(),
        ["AvgPool2d"] = Pool(),
        ["BatchNorm2d"] = new ParameterDraft[] { new("Epsilon", ArgumentKind.Double, true), new("Momentum", ArgumentKind.Double, true) },
        ["GlobalAveragePool"] = Array.Empty<ParameterDraft>(),
        ["Flatten"] = Array.Empty<ParameterDraft>(),
        ["Linear"] = new ParameterDraft[] { new("features", ArgumentKind.Int), new("Bias", ArgumentKind.Bool, true), new("PerPixel", ArgumentKind.Bool, true) },
        ["LayerNorm"] = new ParameterDraft[] { new("Epsilon", ArgumentKind.Double, true) },
        ["Activation"] = new ParameterDraft[] { new("function", ArgumentKind.Enum, EnumType: typeof(Activation)) },
        ["Dropout"] = new ParameterDraft[] { new("rate", ArgumentKind.Double) },
        ["Patchify"] = new ParameterDraft[] { new("patch", ArgumentKind.Int), new("dim", ArgumentKind.Int, IsOptional: true) },
        ["ClassToken"] = Array.Empty<ParameterDraft>(),
        ["PositionEmbedding"] = new ParameterDraft[] { new("Dropout", ArgumentKind.Double, true) },
        ["Encoder"] = Ints("layers", "heads").Concat(EncoderOptions).ToArray(),
        ["ClassifierHead"] = new ParameterDraft[] { new("classes", ArgumentKind.Int), new("Pool", ArgumentKind.Enum, true, EnumType: typeof(Pooling)), new("Distilled", ArgumentKind.Bool, true) },
        ["Layer"] = new ParameterDraft[] { new("model", ArgumentKind.Type), new("arguments", ArgumentKind.String, IsOptional: true), new("Inline", ArgumentKind.Bool, true) },
        ["Residual"] = new ParameterDraft[] { new("block", ArgumentKind.Type), new("arguments", ArgumentKind.String, IsOptional: true), new("DropPath", ArgumentKind.Double, true) },
        ["Repeat"] = new ParameterDraft[]
        {
            new("count", ArgumentKind.Int), new("block", ArgumentKind.Type), new("arguments", ArgumentKind.String, IsOptional: true),
            new("First", ArgumentKind.String, true), new("FirstItemName", ArgumentKind.String, true),
        },
        ["AddInput"] = new ParameterDraft[] { new("shortcut", ArgumentKind.Type, IsOptional: true), new("arguments", ArgumentKind.String, IsOptional: true), new("DropPath", ArgumentKind.Double, true) },
        ["MultiplyInput"] = Array.Empty<ParameterDraft>(),
        ["ConcatInput"] = Array.Empty<ParameterDraft>(),
        ["AdaptiveAvgPool2d"] = new ParameterDraft[] { new("height", ArgumentKind.Int), new("width", ArgumentKind.Int, IsOptional: true) },
        ["LayerScale"] = new ParameterDraft[] { new("init", ArgumentKind.Double, IsOptional: true) },
        ["DistillationToken"] = Array.Empty<ParameterDraft>(),
        ["RegisterTokens"] = new ParameterDraft[] { new("count", ArgumentKind.Int) },
        ["Block"] = Array.Empty<ParameterDraft>(),
        ["VisionTransformer"] = Ints("channels", "height", "width", "patch", "dim", "layers", "heads", "classes")
            .Concat(EncoderOptions).Append(new("Pool", ArgumentKind.Enum, true, EnumType: typeof(Pooling))).ToArray(),
        ["Initialize"] = new ParameterDraft[] { new("scheme", ArgumentKind.Enum, EnumType: typeof(Initialization)) },
        ["Precision"] = new ParameterDraft[] { new("precision", ArgumentKind.Enum, EnumType: typeof(Precision)) },
    }.ToDictionary(a => a.Key, a => NotLayers.Contains(a.Key) ? a.Value : a.Value.Concat(LayerOptions).ToArray());

    static readonly string[] Names = Attributes.Keys.ToArray();

    /// <summary>
    /// An attribute of the algebra (<paramref name="name"/>, or any) with random arguments; <paramref name="models"/> are
    /// the types a <c>typeof</c> may name.
    /// </summary>
    public static AttributeDraft Random(Random random, IReadOnlyList<string> models, string? name = null)
    {
        name ??= Names[random.Next(Names.Length)];
        var parameters = Attributes[name];
        if (name == "Input") parameters = parameters.Take(random.Next(1, 4)).ToArray();
        var arguments = new List<ArgumentDraft>();
        bool named = random.Next(4) == 0; // name the positional arguments too
        foreach (var parameter in parameters)
        {
            if ((parameter.IsProperty || parameter.IsOptional) && random.Next(3) > 0) continue;
            if (parameter.IsOptional && arguments.Any(a => a.Name is not null)) named = true;
            arguments.Add(Value(random, parameter, models) with { Name = parameter.IsProperty || named ? parameter.Name : null, IsProperty = parameter.IsProperty });
        }

        return new AttributeDraft(name, arguments, arguments.Count > 0 || random.Next(8) == 0);
    }

    /// <summary>A value for <paramref name="parameter"/>: small and sane two times in three, hostile otherwise.</summary>
    public static ArgumentDraft Value(Random random, ParameterDraft parameter, IReadOnlyList<string> models)
    {
        bool sane = random.Next(3) > 0;
        string text = parameter.Kind switch
        {
            ArgumentKind.Int => sane ? random.Next(1, 33).ToString(CultureInfo.InvariantCulture) : HostileValues.Int(random),
            ArgumentKind.Double => sane ? new[] { "0.1", "0", "1e-5", "4.0", "0.5" }[random.Next(5)] : HostileValues.Pick(random, HostileValues.Doubles),
            ArgumentKind.Bool => sane ? "true" : HostileValues.Pick(random, HostileValues.Bools),
            ArgumentKind.Enum => HostileValues.Enum(random, parameter.EnumType!.Name, Enum.GetNames(parameter.EnumType)),
            ArgumentKind.String => sane ? SaneString(random, parameter.Name) : HostileValues.Pick(random, HostileValues.Strings),
            _ => sane && models.Count > 0 ? $"typeof({models[random.Next(models.Count)]})" : HostileValues.Pick(random, HostileValues.Types),
        };
        return new ArgumentDraft(text, parameter.Kind, parameter.Name, parameter.IsProperty, parameter.EnumType);
    }

    /// <summary>A name for <c>Name</c> or <c>FirstItemName</c>; values for a block's constants otherwise.</summary>
    static string SaneString(Random random, string parameter) => parameter is "Name" or "FirstItemName"
        ? "\"" + new[] { "conv1", "bn1", "layer1", "downsample", "head_dist", "block1", "features", "norm" }[random.Next(8)] + "\""
        : "\"" + new[] { "Width: 8", "8, 2", "Width: In.Channels * 2", "Stride: 2", "Hidden: In.Dim", "Width: 4 + Index" }[random.Next(6)] + "\"";

    static ParameterDraft[] Ints(params string[] names) => names.Select(n => new ParameterDraft(n, ArgumentKind.Int)).ToArray();

    static ParameterDraft[] Pool() => new ParameterDraft[] { new("kernel", ArgumentKind.Int), new("stride", ArgumentKind.Int, IsOptional: true), new("Padding", ArgumentKind.Int, true) };
}

namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// Which constructs of the layer algebra a model group uses, for the report's counts: every layer kind its classes
/// declare, what the source shows of blocks, constants, values, names and options, and what the builder saw it reach
/// as it ran (<see cref="Construct"/>).
/// </summary>
internal static class Constructs
{
    /// <summary>Every layer kind, in the report's order.</summary>
    public static readonly string[] Kinds =
    [
        "Input", "Conv2d", "MaxPool2d", "AvgPool2d", "AdaptiveAvgPool2d", "BatchNorm2d", "GlobalAveragePool", "Flatten", "Linear", "LayerNorm", "LayerScale",
        "Activation", "Dropout", "Patchify", "ClassToken", "DistillationToken", "RegisterTokens", "PositionEmbedding", "Encoder", "ClassifierHead",
        "Layer", "Residual", "Repeat", "AddInput", "MultiplyInput", "ConcatInput",
    ];

    /// <summary>What the source shows, beyond the kinds.</summary>
    public const string Block = "[Block]";
    public const string BlockUsedTwice = "a block at several uses";
    public const string Constants = "constants";
    public const string Expressions = "expressions over constants and In";
    public const string PositionalValues = "values by position";
    public const string NamedValues = "values by name";
    public const string ExpressionValues = "values that are expressions";
    public const string FirstItemName = "Repeat FirstItemName";

    /// <summary>The constructs the report counts, in its order, with the minimum of accepted and of rejected groups the test asks for each.</summary>
    public static readonly (string Name, int Min)[] Reported =
    [
        (Block, 50), (BlockUsedTwice, 30), (Construct.BlockAtShapes, 20), (Constants, 50), (Expressions, 50), (PositionalValues, 30), (NamedValues, 30),
        (ExpressionValues, 10), (Construct.When, 30), (Construct.Name, 30), (Construct.RepeatGroup, 20), (Construct.RepeatPositions, 20),
        (Construct.RepeatFirst, 10), (FirstItemName, 10), (Construct.Inline, 20), (Construct.AddInputIdentity, 20), (Construct.AddInputShortcut, 10),
        (Construct.AddInputShortcutMismatch, 0), (Construct.AddInputMissingShortcut, 0), (Construct.GateChannels, 10), (Construct.GateVector, 10),
        (Construct.GateTokens, 5), (Construct.GateSame, 5), (Construct.GateOther, 0), (Construct.Concat, 20), (Construct.AdaptiveAvgPool2d, 10),
        (Construct.LayerScale, 10), (Construct.DistillationToken, 10), (Construct.RegisterTokens, 10), (Construct.DistilledHead, 10),
        (Construct.LayerNormOnImage, 10), (Construct.PerPixelLinear, 10), (Construct.NewActivation, 20), (Construct.EncoderDropPath, 10),
        (Construct.EncoderLayerScale, 10), (Construct.ResidualDropPath, 5),
    ];

    public static HashSet<string> Of(ModelGroup group, BuildResult result)
    {
        var classes = group.Reachable();
        var layers = classes.SelectMany(c => c.Layers).ToList();
        var found = new HashSet<string>(result.Constructs);
        found.UnionWith(layers.Select(l => l.Kind));
        if (classes.Any(c => c.IsBlock)) found.Add(Block);
        if (classes.Any(c => c.Constants.Count > 0)) found.Add(Constants);
        if (layers.SelectMany(l => l.Arguments).Any(a => a.Value is Code)) found.Add(Expressions);
        if (layers.Any(l => l.Find(-1, "FirstItemName") is not null)) found.Add(FirstItemName);
        var uses = layers.SelectMany(l => l.Arguments.Select(a => a.Value).OfType<ModelName>().Select(m => (Layer: l, m.Name)))
            .SelectMany(u => Enumerable.Repeat(u.Name, u.Layer.Kind == "Repeat" && u.Layer.Find(0, "count")?.Value is int n ? Math.Max(n, 1) : 1));
        if (uses.GroupBy(n => n).Any(g => g.Count() > 1 && group.Find(g.Key) is { IsBlock: true })) found.Add(BlockUsedTwice);
        foreach (string values in layers.SelectMany(l => l.Arguments).Where(a => a.Name is "arguments" or "First" || (a.Name is null && a.Value is string)).Select(a => a.Value).OfType<string>())
        {
            var parts = values.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Any(p => !p.Contains(':', StringComparison.Ordinal))) found.Add(PositionalValues);
            if (parts.Any(p => p.Contains(':', StringComparison.Ordinal))) found.Add(NamedValues);
            if (parts.Any(p => p.Any(c => char.IsLetter(c)) && !p.Split(':')[^1].Trim().StartsWith("Activation.", StringComparison.Ordinal) && p.Split(':')[^1].Trim() is not ("true" or "false"))) found.Add(ExpressionValues);
        }

        return found;
    }
}

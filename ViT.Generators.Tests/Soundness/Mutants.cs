namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// Every single-argument mutation of a model group, in each of its classes: each argument given other values (sizes,
/// rates, every other enum value, every other model of the group for a <c>typeof</c>, including the model itself),
/// each option the layer does not set added with a non-default value, a layer kind swapped for one that takes the same
/// arguments, and each layer removed or written twice (one line each).
/// </summary>
internal static class Mutants
{
    /// <summary>Options a layer may set, with non-default values to try (the attributes' documented defaults are left out).</summary>
    static readonly Dictionary<string, (string Name, object[] Values)[]> Options = new()
    {
        ["Conv2d"] = [("stride", [2, 3]), ("padding", [1, 2]), ("Bias", [false]), ("Groups", [2, 3, 4]), ("Dilation", [2, 3])],
        ["MaxPool2d"] = [("stride", [1, 3]), ("Padding", [1, 2])],
        ["AvgPool2d"] = [("stride", [1, 3]), ("Padding", [1, 2])],
        ["BatchNorm2d"] = [("Epsilon", [0.0, 1e-3]), ("Momentum", [0.0, 1.5])],
        ["LayerNorm"] = [("Epsilon", [0.0, 1e-3])],
        ["Linear"] = [("Bias", [false])],
        ["Patchify"] = [("dim", [1, 64])],
        ["PositionEmbedding"] = [("Dropout", [0.1, 1.0])],
        ["Encoder"] =
        [
            ("Attention", [AttentionKind.Wide, AttentionKind.TutorialListing]), ("MlpRatio", [2.0, 0.333]),
            ("Activation", [.. Enum.GetValues<Activation>().Where(a => a != Activation.GELU).Cast<object>()]), ("QkvBias", [false]),
            ("NormEpsilon", [1e-5, -1.0]), ("FinalNorm", [FinalNorm.None, FinalNorm.Unused]), ("Dropout", [0.1, 1.0]), ("AttentionDropout", [0.1, 1.5]),
        ],
        ["ClassifierHead"] = [("Pool", [Pooling.Mean])],
    };

    /// <summary>Kinds that take the same arguments, so that swapping the name is a one-token edit.</summary>
    static readonly Dictionary<string, string> Swaps = new()
    {
        ["MaxPool2d"] = "AvgPool2d", ["AvgPool2d"] = "MaxPool2d", ["Layer"] = "Residual", ["Residual"] = "Layer",
        ["Flatten"] = "GlobalAveragePool", ["GlobalAveragePool"] = "Flatten", ["BatchNorm2d"] = "LayerNorm", ["LayerNorm"] = "BatchNorm2d",
        ["ClassToken"] = "PositionEmbedding", ["PositionEmbedding"] = "ClassToken",
    };

    /// <summary>The prefix of the unmutated sample's classes, which the mutants that leave a class alone share.</summary>
    public const string Original = "Original";

    /// <summary>
    /// Every mutant of <paramref name="sample"/>, described: the mutated class and those that use it renamed
    /// <c>{prefix}{n}_{class}</c>, the others named as in the original (<see cref="Original"/>).
    /// </summary>
    public static List<(ModelGroup Group, string Mutation)> Of(string prefix, ModelGroup sample)
    {
        var mutants = new List<(ModelGroup, string)>();
        for (int c = 0; c < sample.Classes.Count; c++)
        {
            var model = sample.Classes[c];
            var renamed = sample.Using(model.Name).ToList(); // the mutated class and those that use it
            var kept = sample.Classes.Select(k => k.Name).Except(renamed).ToList(); // shared with the original, compiled once
            for (int i = 0; i < model.Layers.Count; i++)
            {
                var layer = model.Layers[i];
                string at = $"{model.Name} {layer}";
                var changes = new List<(IReadOnlyList<Layer> Layers, string What)>();
                void Replace(Layer mutated, string what) => changes.Add((model.Layers.Select((l, k) => k == i ? mutated : l).ToList(), what));

                for (int a = 0; a < layer.Arguments.Count; a++)
                {
                    var argument = layer.Arguments[a];
                    foreach (object value in Alternatives(argument, sample)) Replace(layer.With(a, value), $"{argument.Name ?? "argument " + a} {Argument.Format(argument.Value)} -> {Argument.Format(value)}");
                }

                foreach (var (name, values) in Options.GetValueOrDefault(layer.Kind, []).Where(o => layer.Arguments.All(a => a.Name != o.Name)))
                {
                    foreach (object value in values) Replace(layer.With(new Argument(name, value)), $"adds {new Argument(name, value).ToSource()}");
                }

                if (Swaps.TryGetValue(layer.Kind, out string? swap)) Replace(layer with { Kind = swap }, $"[{layer.Kind}] -> [{swap}]");
                changes.Add((model.Layers.Where((_, k) => k != i).ToList(), "removed"));
                changes.Add((model.Layers.SelectMany((l, k) => k == i ? new[] { l, l } : [l]).ToList(), "written twice"));

                foreach (var (layers, what) in changes)
                {
                    mutants.Add((sample.With(c, model with { Layers = layers }).WithPrefix(prefix + mutants.Count, renamed).WithPrefix(Original, kept), $"{at}: {what}"));
                }
            }
        }

        return mutants;
    }

    static IEnumerable<object> Alternatives(Argument argument, ModelGroup sample) => argument.Value switch
    {
        int v => new[] { 0, -1, 1, v - 1, v + 1, 2 * v, v / 2, int.MaxValue }.Where(x => x != v).Distinct().Cast<object>(),
        double v => DoubleValues(argument.Name).Where(x => x != v).Cast<object>(),
        bool v => [!v],
        Enum v => Enum.GetValues(v.GetType()).Cast<object>().Where(x => !x.Equals(v)),
        ModelName v => sample.Classes.Where(c => c.Name != v.Name).Select(c => (object)new ModelName(c.Name)),
        _ => [],
    };

    static double[] DoubleValues(string? name) => name switch
    {
        "MlpRatio" => [0.0, 0.5, 1.5, 0.333, 2.5, -1.0],
        "Epsilon" or "NormEpsilon" => [0.0, -1e-5, 1e-3, 2.0],
        "Momentum" => [0.0, 0.5, 1.0, 1.5, -0.1],
        _ => [0.0, 0.1, 0.5, 1.0, 1.5, -0.1], // dropout rates
    };
}

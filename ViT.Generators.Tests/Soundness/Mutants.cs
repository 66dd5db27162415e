namespace ViT.Generators.Tests.Soundness;

/// <summary>Single-argument mutations of the two tutorial models (the tutorial's listing ViT and timm's split ViT).</summary>
internal static class Mutants
{
    const string TutorialExtra = ", Activation = Activation.ReLU, FinalNorm = FinalNorm.Unused";

    public static readonly IReadOnlyList<Layer> Tutorial = new Layer[]
    {
        new("Input", 1, 28, 28), new("Patchify", 7, 100), new("ClassToken"), new("PositionEmbedding"),
        new("Encoder", 3, 3, C: 1, Flag: true, Ratio: 4, Extra: TutorialExtra), new("ClassifierHead", 10),
    };

    public static readonly IReadOnlyList<Layer> Timm = new Layer[]
    {
        new("Input", 1, 28, 28), new("Patchify", 7, 100), new("ClassToken"), new("PositionEmbedding"),
        new("Encoder", 3, 2, Flag: false, Ratio: 4), new("ClassifierHead", 10),
    };

    static IEnumerable<int> IntValues(int v) =>
        new[] { 0, -1, 1, v - 1, v + 1, 2 * v, v / 2, 3, 5, 6, 13, 1000, int.MaxValue }.Where(x => x != v).Distinct();

    /// <summary>Every single-argument mutant of <paramref name="model"/>, named <c>{prefix}{n}</c>.</summary>
    public static List<(RandomModel Model, string Mutation)> Of(string prefix, IReadOnlyList<Layer> model)
    {
        var result = new List<(RandomModel, string)>();
        void Add(int index, Layer layer, string mutation)
        {
            var layers = model.ToList();
            layers[index] = layer;
            result.Add((new RandomModel(prefix + result.Count, layers), mutation));
        }

        for (int i = 0; i < model.Count; i++)
        {
            var l = model[i];
            switch (l.Kind)
            {
                case "Input":
                    foreach (var v in IntValues(l.A)) Add(i, l with { A = v }, $"channels {l.A} -> {v}");
                    foreach (var v in IntValues(l.B)) Add(i, l with { B = v }, $"height {l.B} -> {v}");
                    foreach (var v in IntValues(l.C)) Add(i, l with { C = v }, $"width {l.C} -> {v}");
                    break;
                case "Patchify":
                    foreach (var v in IntValues(l.A)) Add(i, l with { A = v }, $"patch {l.A} -> {v}");
                    foreach (var v in IntValues(l.B)) Add(i, l with { B = v }, $"dim {l.B} -> {v}");
                    break;
                case "PositionEmbedding":
                    foreach (var v in new[] { 0.1, 1.0, 1.5, -0.1 }) Add(i, l with { Dropout = v }, $"Dropout 0 -> {v}");
                    break;
                case "Encoder":
                    foreach (var v in IntValues(l.A)) Add(i, l with { A = v }, $"layers {l.A} -> {v}");
                    foreach (var v in IntValues(l.B)) Add(i, l with { B = v }, $"heads {l.B} -> {v}");
                    foreach (var other in new[] { l with { Flag = false, C = 0 }, l with { Flag = true, C = 0 }, l with { Flag = true, C = 1 } }.Where(o => o.AttentionName != l.AttentionName))
                        Add(i, other, $"Attention {l.AttentionName} -> {other.AttentionName}");
                    foreach (var v in new[] { 0, 0.5, 1.5, 0.333, 2.5, -1 }) Add(i, l with { Ratio = v }, $"MlpRatio 4 -> {v}");
                    break;
                case "ClassifierHead":
                    foreach (var v in IntValues(l.A)) Add(i, l with { A = v }, $"classes {l.A} -> {v}");
                    Add(i, l with { Flag = !l.Flag }, "Pool ClassToken -> Mean");
                    break;
            }
        }

        return result;
    }
}

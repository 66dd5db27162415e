namespace ViT.Generators.Tests.Soundness;

/// <summary>A model as a list of layers in source order, and its C# source as the user would write it.</summary>
internal sealed record RandomModel(string Name, IReadOnlyList<Layer> Layers)
{
    public string ToSource() =>
        "using ViT;\n\nnamespace Soundness;\n\n" + string.Join("\n", Layers.Select(l => l.ToSource())) + $"\npublic partial class {Name} {{ }}\n";

    public override string ToString() => Name + ": " + string.Join(" ", Layers.Select(l => l.ToSource()));
}

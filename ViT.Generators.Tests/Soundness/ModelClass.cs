namespace ViT.Generators.Tests.Soundness;

/// <summary>One model class: its name and its layers in source order, and its C# source as the user would write it.</summary>
internal sealed record ModelClass(string Name, IReadOnlyList<Layer> Layers)
{
    public static ModelClass Parse(string name, params string[] layers) => new(name, layers.Select(Layer.Parse).ToList());

    public string ToSource() =>
        "using ViT;\n\nnamespace Soundness;\n\n" + string.Join("\n", Layers.Select(l => l.ToSource())) + $"\npublic partial class {Name} {{ }}\n";

    public override string ToString() => Name + ": " + string.Join(" ", Layers.Select(l => l.ToSource()));
}

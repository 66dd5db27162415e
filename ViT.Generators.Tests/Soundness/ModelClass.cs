namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// One class of layer attributes: its name, its layers in source order, whether it is a <c>[Block]</c> (no
/// <c>[Input]</c>: it fits what arrives where it is used), its constants, and its C# source as the user would write it.
/// </summary>
internal sealed record ModelClass(string Name, IReadOnlyList<Layer> Layers)
{
    public bool IsBlock { get; init; }

    public IReadOnlyList<Constant> Constants { get; init; } = [];

    public static ModelClass Parse(string name, params string[] layers) => new(name, layers.Select(Layer.Parse).ToList());

    public string ToSource()
    {
        string body = Constants.Count == 0 ? " { }" : "\n{\n" + string.Concat(Constants.Select(c => "    " + c.ToSource() + "\n")) + "}";
        return "using ViT;\n\nnamespace Soundness;\n\n" + (IsBlock ? "[Block]\n" : "") + string.Join("\n", Layers.Select(l => l.ToSource())) + $"\npublic partial class {Name}{body}\n";
    }

    public override string ToString() =>
        Name + ": " + (IsBlock ? "[Block] " : "") + string.Join(" ", Layers.Select(l => l.ToSource())) + (Constants.Count == 0 ? "" : " { " + string.Join(" ", Constants.Select(c => c.ToSource())) + " }");
}

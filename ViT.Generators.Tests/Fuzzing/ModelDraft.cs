namespace ViT.Generators.Tests.Fuzzing;

/// <summary>
/// A fuzzed model class before it is written out: its name as written, its layer attributes (split over
/// <see cref="Parts"/> partial declarations), and the declaration around them.
/// </summary>
internal sealed class ModelDraft(string name)
{
    /// <summary>The name as written in source: <c>M0</c>, <c>@class</c>, <c>var</c>.</summary>
    public string Name { get; } = name;

    /// <summary>The attributes in source order, <c>[Input]</c> usually first.</summary>
    public List<AttributeDraft> Layers { get; } = new();

    /// <summary><c>class</c>, <c>record</c>, <c>record struct</c>, <c>struct</c> or <c>interface</c>.</summary>
    public string Keyword { get; set; } = "class";

    /// <summary>Modifiers in the order written; <c>partial</c> last when present, as C# requires.</summary>
    public List<string> Modifiers { get; } = new() { "public", "partial" };

    /// <summary>Type parameters (<c>&lt;T&gt;</c>), written on every partial declaration, or empty.</summary>
    public string TypeParameters { get; set; } = "";

    /// <summary>A primary constructor's parameter list (<c>(int size)</c>), written on the first declaration, or empty.</summary>
    public string ParameterList { get; set; } = "";

    /// <summary>A base list (<c> : object</c>), or empty.</summary>
    public string BaseList { get; set; } = "";

    /// <summary>Members, each with the partial declaration it goes in.</summary>
    public List<(int Part, string Text)> Members { get; } = new();

    /// <summary>The types it is nested in, outermost first.</summary>
    public List<ContainerDraft> Containers { get; } = new();

    /// <summary>How many partial declarations it is split into; the layers are cut at random points.</summary>
    public int Parts { get; set; } = 1;

    /// <summary>Whether each partial declaration goes in a file of its own.</summary>
    public bool SeparateFiles { get; set; }

    /// <summary>How other code names the model: containers included.</summary>
    public string Reference => string.Concat(Containers.Select(c => c.Reference + ".")) + Name + (TypeParameters.Length > 0 ? "<int>" : "");
}

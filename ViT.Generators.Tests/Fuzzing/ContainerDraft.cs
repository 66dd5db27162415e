namespace ViT.Generators.Tests.Fuzzing;

/// <summary>A type a fuzzed model is nested in, as written around it.</summary>
/// <param name="Attributes">Attribute lines before it (<c>[Input(4), Linear(2)]</c> makes it a model too), or empty.</param>
/// <param name="Modifiers">Its modifiers, <c>partial</c> included when present.</param>
/// <param name="Keyword">Its kind: <c>class</c>, <c>readonly struct</c>, <c>record struct</c>, <c>interface</c> ...</param>
/// <param name="Name">Its name as written.</param>
/// <param name="TypeParameters"><c>&lt;T&gt;</c> or empty.</param>
internal sealed record ContainerDraft(string Attributes, IReadOnlyList<string> Modifiers, string Keyword, string Name, string TypeParameters)
{
    /// <summary>How code names it: <c>Outer</c>, or <c>Outer&lt;int&gt;</c> when generic.</summary>
    public string Reference => Name + (TypeParameters.Length > 0 ? "<int>" : "");

    public string Header => Attributes + Declarations.Header(Modifiers, Keyword, Name + TypeParameters);
}

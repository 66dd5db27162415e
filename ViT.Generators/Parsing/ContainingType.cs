namespace ViT.Generators.Parsing;

/// <summary>A type a model class is nested in, as the generated file re-opens it.</summary>
/// <param name="Keyword">The kind of declaration: <c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="Name">The type's name.</param>
public sealed record ContainingType(string Keyword, string Name)
{
    /// <summary>The declaration header the generated file opens, for example <c>partial class Outer</c>.</summary>
    public string Declaration => $"partial {Keyword} {Name}";
}

namespace ViT.Generators.Specs;

/// <summary>A type a model class is nested in, as the generated file re-opens it.</summary>
/// <param name="Keyword">The kind of declaration: <c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="Name">The type's name (metadata name, no <c>@</c>).</param>
public sealed record ContainingType(string Keyword, string Name);

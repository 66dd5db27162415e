namespace ViT.Generators.Parsing;

/// <summary>One layer attribute as written, in source order. Plain values only: no Roslyn types.</summary>
/// <param name="AttributeName">The attribute's short name, for example <c>Patchify</c>.</param>
public abstract record LayerSpec(string AttributeName);

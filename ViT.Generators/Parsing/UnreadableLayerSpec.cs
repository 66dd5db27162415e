namespace ViT.Generators.Parsing;

/// <summary>A ViT# attribute whose arguments could not be read (missing, of the wrong type, or still being typed).</summary>
public sealed record UnreadableLayerSpec(string Name) : LayerSpec(Name);

namespace ViT.Generators.Parsing;

/// <summary><c>[ClassToken]</c>.</summary>
public sealed record ClassTokenLayerSpec() : LayerSpec("ClassToken");

namespace ViT.Generators.Parsing;

/// <summary><c>[PositionEmbedding(Dropout = ...)]</c>.</summary>
public sealed record PositionEmbeddingLayerSpec(double Dropout) : LayerSpec("PositionEmbedding");

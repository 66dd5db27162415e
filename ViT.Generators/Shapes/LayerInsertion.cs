namespace ViT.Generators.Shapes;

/// <summary>A fix that inserts a parameterless layer attribute, such as <c>[Flatten]</c>, before a layer.</summary>
/// <param name="Attribute">The attribute to insert, without brackets: <c>Flatten</c>.</param>
/// <param name="BeforeLayerIndex">The layer (index in <c>ModelSpec.Layers</c>) it goes before.</param>
public sealed record LayerInsertion(string Attribute, int BeforeLayerIndex);

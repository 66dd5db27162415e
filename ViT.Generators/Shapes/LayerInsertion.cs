namespace ViT.Generators.Shapes;

/// <summary>A fix that inserts a parameterless layer attribute, such as <c>[Flatten]</c>, before a layer.</summary>
/// <param name="Attribute">The attribute to insert, without brackets: <c>Flatten</c>.</param>
/// <param name="BeforeAttributeIndex">The attribute (index in the class's attributes) it goes before.</param>
public sealed record LayerInsertion(string Attribute, int BeforeAttributeIndex);

namespace ViT.Generators.Parsing;

/// <summary>One layer attribute as written, in source order. Plain values only: no Roslyn types.</summary>
/// <param name="AttributeName">The attribute's short name, for example <c>Patchify</c>.</param>
public abstract record LayerSpec(string AttributeName)
{
    /// <summary>
    /// Index of the attribute that declared this layer in the class's <c>GetAttributes()</c>, so that an analyzer can
    /// place a violation on it; the six layers of one <c>[VisionTransformer]</c> share its index.
    /// </summary>
    public int AttributeIndex { get; init; }
}

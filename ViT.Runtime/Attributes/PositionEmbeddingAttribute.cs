namespace ViT;

/// <summary>Adds a learned position embedding (timm's <c>pos_embed</c>, N×D parameters): <c>[N, D]</c> → <c>[N, D]</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class PositionEmbeddingAttribute : Attribute
{
    /// <summary>Dropout after adding the embedding (timm's <c>pos_drop</c>); 0 leaves it out.</summary>
    public double Dropout { get; set; }
}

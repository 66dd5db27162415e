// Linked into ViT.Generators, where VIT_GENERATOR moves it to ViT.Generators.Shared: the generator reads the names
// and defaults of the attribute from this one file (see Enums/Activation.cs).
using System;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif

/// <summary>Adds a learned position embedding (timm's <c>pos_embed</c>, N×D parameters): <c>[N, D]</c> → <c>[N, D]</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class PositionEmbeddingAttribute : LayerAttributeBase
{
    /// <summary>Dropout after adding the embedding (timm's <c>pos_drop</c>); 0 leaves it out.</summary>
    public double Dropout { get; set; }
}

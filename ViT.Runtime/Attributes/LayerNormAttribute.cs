// Linked into ViT.Generators, where VIT_GENERATOR moves it to ViT.Generators.Shared: the generator reads the names
// and defaults of the attribute from this one file (see Enums/Activation.cs).
using System;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif
/// <summary>
/// Layer normalisation over the features (PyTorch's <c>nn.LayerNorm</c>): <c>[F]</c> → <c>[F]</c>, <c>[N, D]</c> → <c>[N, D]</c>; on an
/// image over the channels of every pixel (ConvNeXt's <c>LayerNorm2d</c>), <c>[C, H, W]</c> → <c>[C, H, W]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LayerNormAttribute : LayerAttributeBase
{
    /// <summary>Added to the variance; PyTorch's 1e-5 by default.</summary>
    public double Epsilon { get; set; } = 1e-5;
}

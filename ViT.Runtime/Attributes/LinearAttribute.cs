// Linked into ViT.Generators, where VIT_GENERATOR moves it to ViT.Generators.Shared: the generator reads the names
// and defaults of the attribute from this one file (see Enums/Activation.cs).
using System;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif
/// <summary>
/// A fully connected layer (PyTorch's <c>nn.Linear</c>, with its input width inferred as Keras' Dense and PyTorch's
/// LazyLinear do): <c>[F]</c> → <c>[features]</c>, or on every token: <c>[N, D]</c> → <c>[N, features]</c>.
/// </summary>
/// <param name="features">Output features.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LinearAttribute(int features) : LayerAttributeBase
{
    /// <summary>Output features.</summary>
    public int Features { get; } = features;

    /// <summary>Whether a learned bias is added; true by default.</summary>
    public bool Bias { get; set; } = true;

    /// <summary>
    /// On an image <c>[C, H, W]</c>: the same Linear for every pixel, over its channels, <c>[features, H, W]</c> (ConvNeXt's
    /// pointwise layers). False by default, so that an image reaching a <c>[Linear]</c> is reported as a missing <c>[Flatten]</c>.
    /// </summary>
    public bool PerPixel { get; set; }
}

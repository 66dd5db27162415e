// Linked into ViT.Generators, where VIT_GENERATOR moves it to ViT.Generators.Shared: the generator reads the names
// and defaults of the attribute from this one file (see Enums/Activation.cs).
using System;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif

/// <summary>
/// A learned scale per channel (ConvNeXt's <c>layer_scale</c>, of shape <c>[C, 1, 1]</c> on an image) or per feature
/// (on tokens or a vector), started at <paramref name="init"/>. Same shape out. Its weight's state-dict name is the
/// layer's name itself (<c>Name = "layer_scale"</c>).
/// </summary>
/// <param name="init">The starting scale; 1e-6 as torchvision's ConvNeXt.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LayerScaleAttribute(double init = 1e-6) : LayerAttributeBase
{
    /// <summary>The starting scale.</summary>
    public double Init { get; } = init;
}

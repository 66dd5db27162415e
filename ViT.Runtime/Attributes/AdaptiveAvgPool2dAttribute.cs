// Linked into ViT.Generators, where VIT_GENERATOR moves it to ViT.Generators.Shared: the generator reads the names
// and defaults of the attribute from this one file (see Enums/Activation.cs).
using System;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif

/// <summary>
/// Averages an image down to a fixed size (PyTorch's <c>nn.AdaptiveAvgPool2d</c>, its windows exactly):
/// <c>[C, H, W]</c> → <c>[C, height, width]</c>. <c>[AdaptiveAvgPool2d(1)]</c> gives <c>[C, 1, 1]</c>, the squeeze of a
/// squeeze-excitation block; VGG's <c>avgpool</c> is <c>[AdaptiveAvgPool2d(7)]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AdaptiveAvgPool2dAttribute : LayerAttributeBase
{
    /// <summary>A square output.</summary>
    /// <param name="size">Output height and width.</param>
    public AdaptiveAvgPool2dAttribute(int size)
        : this(size, size)
    {
    }

    /// <summary>An output of <paramref name="height"/> × <paramref name="width"/>.</summary>
    /// <param name="height">Output height.</param>
    /// <param name="width">Output width.</param>
    public AdaptiveAvgPool2dAttribute(int height, int width)
    {
        Height = height;
        Width = width;
    }

    /// <summary>Output height.</summary>
    public int Height { get; }

    /// <summary>Output width.</summary>
    public int Width { get; }
}

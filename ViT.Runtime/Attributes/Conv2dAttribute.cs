// Linked into ViT.Generators, where VIT_GENERATOR moves it to ViT.Generators.Shared: the generator reads the names
// and defaults of the attribute from this one file (see Enums/Activation.cs).
using System;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif
/// <summary>
/// A 2-D convolution (PyTorch's <c>nn.Conv2d</c>): <c>[C, H, W]</c> → <c>[channels, H', W']</c> with
/// H' = floor((H + 2·padding − dilation·(kernel − 1) − 1) / stride) + 1, and W' alike. The input channels are inferred.
/// </summary>
/// <param name="channels">Output channels.</param>
/// <param name="kernel">Kernel side.</param>
/// <param name="stride">Step between kernel positions; 1 by default.</param>
/// <param name="padding">Zeros added on every side; 0 by default.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv2dAttribute(int channels, int kernel, int stride = 1, int padding = 0) : LayerAttributeBase
{
    /// <summary>Output channels.</summary>
    public int Channels { get; } = channels;

    /// <summary>Kernel side.</summary>
    public int Kernel { get; } = kernel;

    /// <summary>Step between kernel positions.</summary>
    public int Stride { get; } = stride;

    /// <summary>Zeros added on every side.</summary>
    public int Padding { get; } = padding;

    /// <summary>Whether a learned bias is added; true by default (false before a BatchNorm2d, as ResNets do).</summary>
    public bool Bias { get; set; } = true;

    /// <summary>Channel groups; they must divide the input and output channels. 1 by default.</summary>
    public int Groups { get; set; } = 1;

    /// <summary>Spacing between kernel elements; 1 by default.</summary>
    public int Dilation { get; set; } = 1;
}

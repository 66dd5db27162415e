// Linked into ViT.Generators, where VIT_GENERATOR moves it to ViT.Generators.Shared: the generator reads the names
// and defaults of the attribute from this one file (see Enums/Activation.cs).
using System;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif
/// <summary>
/// Pools each kernel × kernel window to the mean (PyTorch's <c>nn.AvgPool2d</c>, padding counted as zeros):
/// <c>[C, H, W]</c> → <c>[C, H', W']</c> with H' = floor((H + 2·padding − kernel) / stride) + 1.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AvgPool2dAttribute : LayerAttributeBase
{
    /// <summary>Non-overlapping windows: the stride is the kernel, as PyTorch's default.</summary>
    /// <param name="kernel">Window side.</param>
    public AvgPool2dAttribute(int kernel)
        : this(kernel, kernel)
    {
    }

    /// <summary>Windows <paramref name="stride"/> pixels apart.</summary>
    /// <param name="kernel">Window side.</param>
    /// <param name="stride">Step between windows.</param>
    public AvgPool2dAttribute(int kernel, int stride)
    {
        Kernel = kernel;
        Stride = stride;
    }

    /// <summary>Window side.</summary>
    public int Kernel { get; }

    /// <summary>Step between windows.</summary>
    public int Stride { get; }

    /// <summary>Padding on every side, at most half the kernel; 0 by default.</summary>
    public int Padding { get; set; }
}

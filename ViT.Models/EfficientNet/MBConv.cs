namespace ViT.Models;

/// <summary>
/// EfficientNet's <c>MBConv</c>: an <see cref="InvertedResidual"/> with SiLU, a squeeze-excitation of a quarter of the
/// input's channels, and stochastic depth on the residual branch.
/// </summary>
[Block]
[Layer(typeof(InvertedResidual), "Width, Kernel, Stride, Expand, SqueezeDivisor: 4, Act: Activation.SiLU, SqueezeAct: Activation.SiLU, DropRate: DropRate", Inline = true)]
public partial class MBConv
{
    /// <summary>Output channels.</summary>
    public const int Width = 16;

    /// <summary>The depthwise kernel.</summary>
    public const int Kernel = 3;

    /// <summary>Stride.</summary>
    public const int Stride = 1;

    /// <summary>Expansion ratio.</summary>
    public const int Expand = 6;

    /// <summary>Stochastic depth of the residual branch (torchvision: 0.2 times the block's index over the block count).</summary>
    public const double DropRate = 0;
}

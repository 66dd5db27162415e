namespace ViT.Models;

/// <summary>VGG's convolution with batch norm: a 3x3 convolution (with bias), a batch norm and ReLU, inlined into its <c>features</c>.</summary>
[Block]
[Conv2d(Width, 3, padding: 1)]
[BatchNorm2d]
[Activation(Activation.ReLU)]
public partial class ConvBatchNormReLU
{
    /// <summary>Output channels.</summary>
    public const int Width = 64;
}

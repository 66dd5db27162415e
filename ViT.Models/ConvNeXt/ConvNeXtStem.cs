namespace ViT.Models;

/// <summary>ConvNeXt's stem: a 4x4 convolution with stride 4 (torchvision's <c>Conv2dNormActivation</c> with bias) and a LayerNorm over the channels.</summary>
[Block]
[Conv2d(Width, 4, stride: 4)]
[LayerNorm(Epsilon = 1e-6)]
public partial class ConvNeXtStem
{
    /// <summary>Output channels.</summary>
    public const int Width = 96;
}

namespace ViT.Models;

/// <summary>ConvNeXt's downsampling between stages: a LayerNorm over the channels and a 2x2 convolution with stride 2.</summary>
[Block]
[LayerNorm(Epsilon = 1e-6)]
[Conv2d(Width, 2, stride: 2)]
public partial class ConvNeXtDownsample
{
    /// <summary>Output channels.</summary>
    public const int Width = 192;
}

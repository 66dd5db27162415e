namespace ViT.Models;

/// <summary>ResNet's projection shortcut (torchvision's <c>downsample</c>): a strided 1x1 convolution and a batch norm.</summary>
[Block]
[Conv2d(Width, 1, stride: Stride, Bias = false)]
[BatchNorm2d]
public partial class Downsample
{
    /// <summary>Output channels.</summary>
    public const int Width = 64;

    /// <summary>Stride.</summary>
    public const int Stride = 1;
}

namespace ViT.Models;

/// <summary>torchvision's RegNet <c>BottleneckTransform</c>: 1x1 (<c>a</c>), grouped 3x3 with the stride (<c>b</c>), 1x1 without activation (<c>c</c>).</summary>
[Block]
[Layer(typeof(ConvNormActivation), "Width, 1", Name = "a")]
[Layer(typeof(ConvNormActivation), "Width, 3, Stride, Width / GroupWidth", Name = "b")]
[Layer(typeof(ConvNormActivation), "Width, 1, Activate: false", Name = "c")]
public partial class BottleneckTransform
{
    /// <summary>Output (and inner) channels.</summary>
    public const int Width = 32;

    /// <summary>Stride of the 3x3 convolution.</summary>
    public const int Stride = 1;

    /// <summary>Channels per group of the 3x3 convolution.</summary>
    public const int GroupWidth = 16;
}

namespace ViT.Models;

/// <summary>
/// torchvision's RegNet <c>ResBottleneckBlock</c>: its <see cref="BottleneckTransform"/> (<c>f</c>) plus the input,
/// projected by a strided 1x1 convolution and norm (<c>proj</c>) where the shape changes, then ReLU.
/// </summary>
[Block]
[Layer(typeof(BottleneckTransform), "Width, Stride, GroupWidth", Name = "f")]
[AddInput(typeof(ConvNormActivation), "Width, 1, Stride, Activate: false", Name = "proj")]
[Activation(Activation.ReLU)]
public partial class ResBottleneckBlock
{
    /// <summary>Output channels.</summary>
    public const int Width = 32;

    /// <summary>Stride of the 3x3 convolution.</summary>
    public const int Stride = 1;

    /// <summary>Channels per group of the 3x3 convolution.</summary>
    public const int GroupWidth = 16;
}

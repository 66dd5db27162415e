namespace ViT.Models;

/// <summary>
/// torchvision's <c>SqueezeExcitation</c>: each channel scaled by a gate computed from the image's average
/// (<c>avgpool</c>, <c>fc1</c>, activation, <c>fc2</c>, gate), as MobileNetV3 and EfficientNet use it.
/// </summary>
[Block]
[AdaptiveAvgPool2d(1, Name = "avgpool")]
[Conv2d(Squeeze, 1, Name = "fc1")]
[Activation(Act)]
[Conv2d(In.Channels, 1, Name = "fc2")]
[Activation(Gate)]
[MultiplyInput]
public partial class SqueezeExcitation
{
    /// <summary>The squeezed width.</summary>
    public const int Squeeze = 8;

    /// <summary>The activation between the two 1x1 convolutions (ReLU; SiLU in EfficientNet).</summary>
    public const Activation Act = Activation.ReLU;

    /// <summary>The gate (sigmoid; hard sigmoid in MobileNetV3).</summary>
    public const Activation Gate = Activation.Sigmoid;
}

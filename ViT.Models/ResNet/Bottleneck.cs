namespace ViT.Models;

/// <summary>
/// torchvision's <c>Bottleneck</c> (ResNet-50/101/152): 1x1 down to <see cref="Width"/>, 3x3 with the stride, 1x1 up to
/// <see cref="Width"/>·<see cref="Expansion"/>, and the input added back, through <see cref="Downsample"/> where the shape
/// changes. One class for every stage.
/// </summary>
[Block]
[Conv2d(Width, 1, Bias = false, Name = "conv1")]
[BatchNorm2d(Name = "bn1")]
[Activation(Activation.ReLU)]
[Conv2d(Width, 3, stride: Stride, padding: 1, Bias = false, Name = "conv2")]
[BatchNorm2d(Name = "bn2")]
[Activation(Activation.ReLU)]
[Conv2d(Width * Expansion, 1, Bias = false, Name = "conv3")]
[BatchNorm2d(Name = "bn3")]
[AddInput(typeof(Downsample), "Width * Expansion, Stride", Name = "downsample")]
[Activation(Activation.ReLU)]
public partial class Bottleneck
{
    /// <summary>The inner width (torchvision's <c>planes</c>).</summary>
    public const int Width = 64;

    /// <summary>The 3x3 convolution's stride: 2 halves the size.</summary>
    public const int Stride = 1;

    /// <summary>How much wider the output is than <see cref="Width"/>.</summary>
    public const int Expansion = 4;
}

namespace ViT.Models;

/// <summary>
/// torchvision's DenseNet <c>_DenseLayer</c>: batch norm, ReLU, 1x1 convolution to <see cref="BottleneckWidth"/>, batch
/// norm, ReLU, 3x3 convolution to <see cref="Growth"/> new channels, concatenated after its input.
/// </summary>
[Block]
[BatchNorm2d(Name = "norm1")]
[Activation(Activation.ReLU)]
[Conv2d(BottleneckWidth, 1, Bias = false, Name = "conv1")]
[BatchNorm2d(Name = "norm2")]
[Activation(Activation.ReLU)]
[Conv2d(Growth, 3, padding: 1, Bias = false, Name = "conv2")]
[ConcatInput]
public partial class DenseLayer
{
    /// <summary>The new channels each layer adds (torchvision's <c>growth_rate</c>).</summary>
    public const int Growth = 32;

    /// <summary>The 1x1 bottleneck's width (<c>bn_size * growth_rate</c>).</summary>
    public const int BottleneckWidth = 128;
}

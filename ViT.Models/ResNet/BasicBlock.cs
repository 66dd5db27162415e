namespace ViT.Models;

/// <summary>
/// torchvision's <c>BasicBlock</c> (ResNet-18/34): two 3x3 convolutions, the first with the stride, and the input added
/// back, through <see cref="Downsample"/> where the stride or the width changes. One class for every stage.
/// </summary>
[Block]
[Conv2d(Width, 3, stride: Stride, padding: 1, Bias = false, Name = "conv1")]
[BatchNorm2d(Name = "bn1")]
[Activation(Activation.ReLU)]
[Conv2d(Width, 3, padding: 1, Bias = false, Name = "conv2")]
[BatchNorm2d(Name = "bn2")]
[AddInput(typeof(Downsample), "Width, Stride", Name = "downsample")]
[Activation(Activation.ReLU)]
public partial class BasicBlock
{
    /// <summary>Output channels (torchvision's <c>planes</c>).</summary>
    public const int Width = 64;

    /// <summary>The first convolution's stride: 2 halves the size.</summary>
    public const int Stride = 1;
}

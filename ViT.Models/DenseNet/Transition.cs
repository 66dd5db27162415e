namespace ViT.Models;

/// <summary>torchvision's DenseNet <c>_Transition</c>: batch norm, ReLU, 1x1 convolution to half the channels, 2x2 average pooling.</summary>
[Block]
[BatchNorm2d(Name = "norm")]
[Activation(Activation.ReLU)]
[Conv2d(In.Channels / 2, 1, Bias = false, Name = "conv")]
[AvgPool2d(2)]
public partial class Transition;

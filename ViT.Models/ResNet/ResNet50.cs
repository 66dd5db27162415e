namespace ViT.Models;

/// <summary>
/// torchvision's <c>resnet50</c>: a 7x7 stem, stages of 3, 4, 6 and 3 <see cref="Bottleneck"/>s (64 to 512 inner
/// channels, 256 to 2048 out), global average pooling and <c>fc</c>. 25,557,032 parameters at 1000 classes;
/// torchvision's state-dict names. <c>"Classes: 0"</c> leaves the head out (2048 features).
/// </summary>
[Input(3, Size, Size)]
[Conv2d(64, 7, stride: 2, padding: 3, Bias = false, Name = "conv1")]
[BatchNorm2d(Name = "bn1")]
[Activation(Activation.ReLU)]
[MaxPool2d(3, 2, Padding = 1)]
[Repeat(3, typeof(Bottleneck), "Width: 64", Name = "layer1")]
[Repeat(4, typeof(Bottleneck), "Width: 128", First = "Stride: 2", Name = "layer2")]
[Repeat(6, typeof(Bottleneck), "Width: 256", First = "Stride: 2", Name = "layer3")]
[Repeat(3, typeof(Bottleneck), "Width: 512", First = "Stride: 2", Name = "layer4")]
[GlobalAveragePool]
[Linear(Classes, Name = "fc", When = Classes > 0)]
[Initialize(Initialization.PyTorchDefault)]
public partial class ResNet50
{
    /// <summary>Output classes; 0 for the backbone alone.</summary>
    public const int Classes = 1000;

    /// <summary>Image height and width.</summary>
    public const int Size = 224;
}

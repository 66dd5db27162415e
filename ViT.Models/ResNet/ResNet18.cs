namespace ViT.Models;

/// <summary>
/// torchvision's <c>resnet18</c> (He et al., 2016): a 7x7 stem, four stages of two <see cref="BasicBlock"/>s (64, 128,
/// 256, 512 channels), global average pooling and <c>fc</c>. 11,689,512 parameters at 1000 classes; torchvision's
/// state-dict names, so its weights load strictly. <c>"Classes: 0"</c> leaves the head out (the backbone, 512 features).
/// </summary>
[Input(3, Size, Size)]
[Conv2d(64, 7, stride: 2, padding: 3, Bias = false, Name = "conv1")]
[BatchNorm2d(Name = "bn1")]
[Activation(Activation.ReLU)]
[MaxPool2d(3, 2, Padding = 1)]
[Repeat(2, typeof(BasicBlock), "Width: 64", Name = "layer1")]
[Repeat(2, typeof(BasicBlock), "Width: 128", First = "Stride: 2", Name = "layer2")]
[Repeat(2, typeof(BasicBlock), "Width: 256", First = "Stride: 2", Name = "layer3")]
[Repeat(2, typeof(BasicBlock), "Width: 512", First = "Stride: 2", Name = "layer4")]
[GlobalAveragePool]
[Linear(Classes, Name = "fc", When = Classes > 0)]
[Initialize(Initialization.PyTorchDefault)]
public partial class ResNet18
{
    /// <summary>Output classes; 0 for the backbone alone.</summary>
    public const int Classes = 1000;

    /// <summary>Image height and width.</summary>
    public const int Size = 224;
}

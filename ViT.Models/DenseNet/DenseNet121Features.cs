namespace ViT.Models;

/// <summary>
/// DenseNet-121's <c>features</c>: the stem, dense blocks of 6, 12, 24 and 16 <see cref="DenseLayer"/>s (each adds 32
/// channels) with a <see cref="Transition"/> halving the channels and the size between them, and <c>norm5</c>.
/// </summary>
[Block]
[Conv2d(64, 7, stride: 2, padding: 3, Bias = false, Name = "conv0")]
[BatchNorm2d(Name = "norm0")]
[Activation(Activation.ReLU)]
[MaxPool2d(3, 2, Padding = 1)]
[Repeat(6, typeof(DenseLayer), Name = "denseblock1", FirstItemName = "denselayer1")]
[Layer(typeof(Transition), Name = "transition1")]
[Repeat(12, typeof(DenseLayer), Name = "denseblock2", FirstItemName = "denselayer1")]
[Layer(typeof(Transition), Name = "transition2")]
[Repeat(24, typeof(DenseLayer), Name = "denseblock3", FirstItemName = "denselayer1")]
[Layer(typeof(Transition), Name = "transition3")]
[Repeat(16, typeof(DenseLayer), Name = "denseblock4", FirstItemName = "denselayer1")]
[BatchNorm2d(Name = "norm5")]
[Initialize(Initialization.PyTorchDefault)]
public partial class DenseNet121Features;

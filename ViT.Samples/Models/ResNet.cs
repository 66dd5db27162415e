namespace ViT.Samples.Models;

/// <summary>
/// A small ResNet for 28x28 digits: a stem, then three stages of one residual block each (16 channels at 28x28, 32 at
/// 14x14, 64 at 7x7; each stage after the first halves the size with a stride-2 convolution), global average pooling and
/// a 10-class Linear. One <see cref="ResidualBlock"/> class serves all three stages: it is checked and built again at
/// each use, with the shape that arrives there. ReLU follows each sum, as in He et al. (2016).
/// </summary>
[Input(1, 28, 28)]
[Conv2d(16, 3, padding: 1, Bias = false)]
[BatchNorm2d]
[Activation(Activation.ReLU)]
[Residual(typeof(ResidualBlock))]     // x + block(x): [16, 28, 28]
[Activation(Activation.ReLU)]
[Conv2d(32, 3, stride: 2, padding: 1, Bias = false)]
[BatchNorm2d]
[Activation(Activation.ReLU)]
[Residual(typeof(ResidualBlock))]     // [32, 14, 14]
[Activation(Activation.ReLU)]
[Conv2d(64, 3, stride: 2, padding: 1, Bias = false)]
[BatchNorm2d]
[Activation(Activation.ReLU)]
[Residual(typeof(ResidualBlock))]     // [64, 7, 7]
[Activation(Activation.ReLU)]
[GlobalAveragePool]
[Linear(10)]
[Initialize(Initialization.PyTorchDefault)]
public sealed partial class ResNet;

/// <summary>A basic residual block at the width it receives: conv, batch norm, ReLU, conv, batch norm (the sum and its ReLU are the caller's).</summary>
[Block]
[Conv2d(In.Channels, 3, padding: 1, Bias = false)]
[BatchNorm2d]
[Activation(Activation.ReLU)]
[Conv2d(In.Channels, 3, padding: 1, Bias = false)]
[BatchNorm2d]
public sealed partial class ResidualBlock;

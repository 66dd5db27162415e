namespace ViT.Samples.Models;

/// <summary>
/// A small ResNet for 28x28 digits: a stem, then three stages of one residual block each (16 channels at 28x28, 32 at
/// 14x14, 64 at 7x7; each stage after the first halves the size with a stride-2 convolution), global average pooling and
/// a 10-class Linear. The blocks are <see cref="ResidualBlock16"/>, <see cref="ResidualBlock32"/> and
/// <see cref="ResidualBlock64"/>, added to their input by <c>[Residual]</c>; ReLU follows each sum, as in He et al. (2016).
/// </summary>
[Input(1, 28, 28)]
[Conv2d(16, 3, padding: 1, Bias = false)]
[BatchNorm2d]
[Activation(Activation.ReLU)]
[Residual(typeof(ResidualBlock16))]
[Activation(Activation.ReLU)]
[Conv2d(32, 3, stride: 2, padding: 1, Bias = false)]
[BatchNorm2d]
[Activation(Activation.ReLU)]
[Residual(typeof(ResidualBlock32))]
[Activation(Activation.ReLU)]
[Conv2d(64, 3, stride: 2, padding: 1, Bias = false)]
[BatchNorm2d]
[Activation(Activation.ReLU)]
[Residual(typeof(ResidualBlock64))]
[Activation(Activation.ReLU)]
[GlobalAveragePool]
[Linear(10)]
[Initialize(Initialization.PyTorchDefault)]
public sealed partial class ResNet;

/// <summary>A basic residual block on 16 channels at 28x28: conv, batch norm, ReLU, conv, batch norm (the sum and its ReLU are the caller's).</summary>
[Input(16, 28, 28)]
[Conv2d(16, 3, padding: 1, Bias = false)]
[BatchNorm2d]
[Activation(Activation.ReLU)]
[Conv2d(16, 3, padding: 1, Bias = false)]
[BatchNorm2d]
[Initialize(Initialization.PyTorchDefault)]
public sealed partial class ResidualBlock16;

/// <summary>The basic residual block on 32 channels at 14x14.</summary>
[Input(32, 14, 14)]
[Conv2d(32, 3, padding: 1, Bias = false)]
[BatchNorm2d]
[Activation(Activation.ReLU)]
[Conv2d(32, 3, padding: 1, Bias = false)]
[BatchNorm2d]
[Initialize(Initialization.PyTorchDefault)]
public sealed partial class ResidualBlock32;

/// <summary>The basic residual block on 64 channels at 7x7.</summary>
[Input(64, 7, 7)]
[Conv2d(64, 3, padding: 1, Bias = false)]
[BatchNorm2d]
[Activation(Activation.ReLU)]
[Conv2d(64, 3, padding: 1, Bias = false)]
[BatchNorm2d]
[Initialize(Initialization.PyTorchDefault)]
public sealed partial class ResidualBlock64;

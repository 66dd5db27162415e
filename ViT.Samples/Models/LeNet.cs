namespace ViT.Samples.Models;

/// <summary>
/// The convolutional baseline the tutorial argues against: LeNet-5 (LeCun et al., 1998) on 28x28 digits, with ReLU and
/// max pooling as in today's versions. Two convolution, activation and pooling stages, then Linear 120, 84 and 10.
/// 61,706 parameters, a sixth of the timm configuration's; state-dict names as torch.nn.Sequential's.
/// </summary>
[Input(1, 28, 28)]
[Conv2d(6, 5, padding: 2)]         // [6, 28, 28]
[Activation(Activation.ReLU)]
[MaxPool2d(2)]                     // [6, 14, 14]
[Conv2d(16, 5)]                    // [16, 10, 10]
[Activation(Activation.ReLU)]
[MaxPool2d(2)]                     // [16, 5, 5]
[Flatten]                          // [400]
[Linear(120)]
[Activation(Activation.ReLU)]
[Linear(84)]
[Activation(Activation.ReLU)]
[Linear(10)]
[Initialize(Initialization.PyTorchDefault)]
public sealed partial class LeNet;

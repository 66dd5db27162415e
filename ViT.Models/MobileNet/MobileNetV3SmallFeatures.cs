namespace ViT.Models;

/// <summary>MobileNetV3-Small's <c>features</c>: the hard-swish stem, torchvision's <c>bneck_conf</c> rows, the 1x1 to 576.</summary>
[Block]
[Layer(typeof(ConvNormActivation), "16, 3, 2, Act: Activation.Hardswish, Eps: 1e-3, Momentum: 0.01")]
[Layer(typeof(MobileNetV3Block), "Kernel: 3, Expanded: 16, Width: 16, Squeeze: 8, Act: Activation.ReLU, Stride: 2")]
[Layer(typeof(MobileNetV3Block), "Kernel: 3, Expanded: 72, Width: 24, Act: Activation.ReLU, Stride: 2")]
[Layer(typeof(MobileNetV3Block), "Kernel: 3, Expanded: 88, Width: 24, Act: Activation.ReLU")]
[Layer(typeof(MobileNetV3Block), "Kernel: 5, Expanded: 96, Width: 40, Squeeze: 24, Act: Activation.Hardswish, Stride: 2")]
[Repeat(2, typeof(MobileNetV3Block), "Kernel: 5, Expanded: 240, Width: 40, Squeeze: 64, Act: Activation.Hardswish")]
[Layer(typeof(MobileNetV3Block), "Kernel: 5, Expanded: 120, Width: 48, Squeeze: 32, Act: Activation.Hardswish")]
[Layer(typeof(MobileNetV3Block), "Kernel: 5, Expanded: 144, Width: 48, Squeeze: 40, Act: Activation.Hardswish")]
[Layer(typeof(MobileNetV3Block), "Kernel: 5, Expanded: 288, Width: 96, Squeeze: 72, Act: Activation.Hardswish, Stride: 2")]
[Repeat(2, typeof(MobileNetV3Block), "Kernel: 5, Expanded: 576, Width: 96, Squeeze: 144, Act: Activation.Hardswish")]
[Layer(typeof(ConvNormActivation), "576, 1, Act: Activation.Hardswish, Eps: 1e-3, Momentum: 0.01")]
[Initialize(Initialization.PyTorchDefault)]
public partial class MobileNetV3SmallFeatures;

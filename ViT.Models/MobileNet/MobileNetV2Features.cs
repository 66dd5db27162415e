namespace ViT.Models;

/// <summary>MobileNetV2's <c>features</c>: the stem, torchvision's table of inverted residuals (t, c, n, s), the 1x1 to 1280.</summary>
[Block]
[Layer(typeof(ConvNormActivation), "32, 3, 2, Act: Activation.ReLU6")]
[Layer(typeof(MobileNetV2Block), "16, 1, 1")]
[Repeat(2, typeof(MobileNetV2Block), "24, 1, 6", First = "Stride: 2")]
[Repeat(3, typeof(MobileNetV2Block), "32, 1, 6", First = "Stride: 2")]
[Repeat(4, typeof(MobileNetV2Block), "64, 1, 6", First = "Stride: 2")]
[Repeat(3, typeof(MobileNetV2Block), "96, 1, 6")]
[Repeat(3, typeof(MobileNetV2Block), "160, 1, 6", First = "Stride: 2")]
[Layer(typeof(MobileNetV2Block), "320, 1, 6")]
[Layer(typeof(ConvNormActivation), "1280, 1, Act: Activation.ReLU6")]
[Initialize(Initialization.PyTorchDefault)]
public partial class MobileNetV2Features;

namespace ViT.Models;

/// <summary>
/// EfficientNet-B0's <c>features</c>: the SiLU stem, seven stages of <see cref="MBConv"/> from torchvision's table
/// (expand, kernel, stride, out, layers), the 1x1 to 1280. Block k of the 16 drops its branch at 0.2·k/16.
/// </summary>
[Block]
[Layer(typeof(ConvNormActivation), "32, 3, 2, Act: Activation.SiLU")]
[Repeat(1, typeof(MBConv), "16, 3, 1, 1, DropRate: 0.2 * (0 + Index) / 16", Name = "1")]
[Repeat(2, typeof(MBConv), "24, 3, 1, 6, DropRate: 0.2 * (1 + Index) / 16", First = "Stride: 2", Name = "2")]
[Repeat(2, typeof(MBConv), "40, 5, 1, 6, DropRate: 0.2 * (3 + Index) / 16", First = "Stride: 2", Name = "3")]
[Repeat(3, typeof(MBConv), "80, 3, 1, 6, DropRate: 0.2 * (5 + Index) / 16", First = "Stride: 2", Name = "4")]
[Repeat(3, typeof(MBConv), "112, 5, 1, 6, DropRate: 0.2 * (8 + Index) / 16", Name = "5")]
[Repeat(4, typeof(MBConv), "192, 5, 1, 6, DropRate: 0.2 * (11 + Index) / 16", First = "Stride: 2", Name = "6")]
[Repeat(1, typeof(MBConv), "320, 3, 1, 6, DropRate: 0.2 * (15 + Index) / 16", Name = "7")]
[Layer(typeof(ConvNormActivation), "1280, 1, Act: Activation.SiLU")]
[Initialize(Initialization.PyTorchDefault)]
public partial class EfficientNetB0Features;

namespace ViT.Models;

/// <summary>VGG configuration "A" (64, M, 128, M, 256, 256, M, 512, 512, M, 512, 512, M) with batch norm, numbered as torchvision's <c>features</c>.</summary>
[Block]
[Layer(typeof(ConvBatchNormReLU), "64", Inline = true)]
[MaxPool2d(2)]
[Layer(typeof(ConvBatchNormReLU), "128", Inline = true)]
[MaxPool2d(2)]
[Layer(typeof(ConvBatchNormReLU), "256", Inline = true)]
[Layer(typeof(ConvBatchNormReLU), "256", Inline = true)]
[MaxPool2d(2)]
[Layer(typeof(ConvBatchNormReLU), "512", Inline = true)]
[Layer(typeof(ConvBatchNormReLU), "512", Inline = true)]
[MaxPool2d(2)]
[Layer(typeof(ConvBatchNormReLU), "512", Inline = true)]
[Layer(typeof(ConvBatchNormReLU), "512", Inline = true)]
[MaxPool2d(2)]
[Initialize(Initialization.PyTorchDefault)]
public partial class Vgg11BNFeatures;

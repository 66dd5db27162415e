namespace ViT.Models;

/// <summary>
/// torchvision's <c>vgg11_bn</c> (Simonyan and Zisserman, 2015): configuration "A" with batch norm as
/// <see cref="Vgg11BNFeatures"/>, 7x7 adaptive average pooling and the three-Linear <c>classifier</c>. 132,868,840
/// parameters at 1000 classes.
/// </summary>
[Input(3, Size, Size)]
[Layer(typeof(Vgg11BNFeatures), Name = "features")]
[AdaptiveAvgPool2d(7, Name = "avgpool")]
[Flatten]
[Layer(typeof(VggClassifier), "Classes", Name = "classifier", When = Classes > 0)]
[Initialize(Initialization.PyTorchDefault)]
public partial class Vgg11BN
{
    /// <summary>Output classes; 0 for the backbone alone (25,088 features).</summary>
    public const int Classes = 1000;

    /// <summary>Image height and width.</summary>
    public const int Size = 224;
}

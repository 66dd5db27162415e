namespace ViT.Models;

/// <summary>
/// torchvision's <c>mobilenet_v3_small</c> (Howard et al., 2019): <see cref="MobileNetV3SmallFeatures"/>, global average
/// pooling and a <c>classifier</c> of Linear 1024, hard swish, dropout and Linear. 2,542,856 parameters at 1000 classes.
/// </summary>
[Input(3, Size, Size)]
[Layer(typeof(MobileNetV3SmallFeatures), Name = "features")]
[GlobalAveragePool]
[Layer(typeof(MobileNetV3Classifier), "Classes", Name = "classifier", When = Classes > 0)]
[Initialize(Initialization.PyTorchDefault)]
public partial class MobileNetV3Small
{
    /// <summary>Output classes; 0 for the backbone alone (576 features).</summary>
    public const int Classes = 1000;

    /// <summary>Image height and width.</summary>
    public const int Size = 224;
}

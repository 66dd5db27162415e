namespace ViT.Models;

/// <summary>
/// torchvision's <c>mobilenet_v2</c> (Sandler et al., 2018): <see cref="MobileNetV2Features"/>, global average pooling and
/// a dropout-and-Linear <c>classifier</c>. 3,504,872 parameters at 1000 classes; torchvision's state-dict names.
/// </summary>
[Input(3, Size, Size)]
[Layer(typeof(MobileNetV2Features), Name = "features")]
[GlobalAveragePool]
[Layer(typeof(DropoutLinear), "Classes, 0.2", Name = "classifier", When = Classes > 0)]
[Initialize(Initialization.PyTorchDefault)]
public partial class MobileNetV2
{
    /// <summary>Output classes; 0 for the backbone alone (1280 features).</summary>
    public const int Classes = 1000;

    /// <summary>Image height and width.</summary>
    public const int Size = 224;
}

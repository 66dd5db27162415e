namespace ViT.Models;

/// <summary>
/// torchvision's <c>efficientnet_b0</c> (Tan and Le, 2019): <see cref="EfficientNetB0Features"/>, global average pooling
/// and a dropout-and-Linear <c>classifier</c>. 5,288,548 parameters at 1000 classes; torchvision's state-dict names.
/// </summary>
[Input(3, Size, Size)]
[Layer(typeof(EfficientNetB0Features), Name = "features")]
[GlobalAveragePool]
[Layer(typeof(DropoutLinear), "Classes, 0.2", Name = "classifier", When = Classes > 0)]
[Initialize(Initialization.PyTorchDefault)]
public partial class EfficientNetB0
{
    /// <summary>Output classes; 0 for the backbone alone (1280 features).</summary>
    public const int Classes = 1000;

    /// <summary>Image height and width.</summary>
    public const int Size = 224;
}

namespace ViT.Models;

/// <summary>
/// torchvision's <c>densenet121</c> (Huang et al., 2017): <see cref="DenseNet121Features"/>, ReLU, global average
/// pooling and the <c>classifier</c> Linear. 7,978,856 parameters at 1000 classes; torchvision's state-dict names.
/// </summary>
[Input(3, Size, Size)]
[Layer(typeof(DenseNet121Features), Name = "features")]
[Activation(Activation.ReLU)]
[GlobalAveragePool]
[Linear(Classes, Name = "classifier", When = Classes > 0)]
[Initialize(Initialization.PyTorchDefault)]
public partial class DenseNet121
{
    /// <summary>Output classes; 0 for the backbone alone (1024 features).</summary>
    public const int Classes = 1000;

    /// <summary>Image height and width.</summary>
    public const int Size = 224;
}

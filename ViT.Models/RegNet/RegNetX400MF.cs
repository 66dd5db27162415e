namespace ViT.Models;

/// <summary>
/// torchvision's <c>regnet_x_400mf</c> (Radosavovic et al., 2020): a 3x3 <c>stem</c>, the <c>trunk_output</c> of
/// <see cref="RegNetX400MFTrunk"/>, global average pooling and <c>fc</c>. 5,495,976 parameters at 1000 classes.
/// </summary>
[Input(3, Size, Size)]
[Layer(typeof(ConvNormActivation), "32, 3, 2", Name = "stem")]
[Layer(typeof(RegNetX400MFTrunk), Name = "trunk_output")]
[GlobalAveragePool]
[Linear(Classes, Name = "fc", When = Classes > 0)]
[Initialize(Initialization.PyTorchDefault)]
public partial class RegNetX400MF
{
    /// <summary>Output classes; 0 for the backbone alone (400 features).</summary>
    public const int Classes = 1000;

    /// <summary>Image height and width.</summary>
    public const int Size = 224;
}

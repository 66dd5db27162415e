namespace ViT.Models;

/// <summary>
/// torchvision's <c>convnext_tiny</c> (Liu et al., 2022): <see cref="ConvNeXtTinyFeatures"/>, global average pooling to
/// 1x1 and a <c>classifier</c> of LayerNorm, flatten and Linear. 28,589,128 parameters at 1000 classes.
/// </summary>
[Input(3, Size, Size)]
[Layer(typeof(ConvNeXtTinyFeatures), Name = "features")]
[AdaptiveAvgPool2d(1)]
[Layer(typeof(ConvNeXtClassifier), "Classes", Name = "classifier", When = Classes > 0)]
public partial class ConvNeXtTiny
{
    /// <summary>Output classes; 0 for the backbone alone (768 channels at 1x1).</summary>
    public const int Classes = 1000;

    /// <summary>Image height and width.</summary>
    public const int Size = 224;
}

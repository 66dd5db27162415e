namespace ViT.Models;

/// <summary>MobileNetV3's <c>classifier</c>: Linear to 1024, hard swish, dropout, Linear to the classes (<c>0</c> and <c>3</c>).</summary>
[Block]
[Linear(1024)]
[Activation(Activation.Hardswish)]
[Dropout(0.2)]
[Linear(Classes)]
public partial class MobileNetV3Classifier
{
    /// <summary>Output classes.</summary>
    public const int Classes = 1000;
}

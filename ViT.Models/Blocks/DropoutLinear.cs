namespace ViT.Models;

/// <summary>A classifier of dropout and a Linear, named <c>0</c> and <c>1</c> (MobileNetV2's and EfficientNet's <c>classifier</c>).</summary>
[Block]
[Dropout(Rate)]
[Linear(Classes)]
public partial class DropoutLinear
{
    /// <summary>Output classes.</summary>
    public const int Classes = 1000;

    /// <summary>The dropout rate.</summary>
    public const double Rate = 0.2;
}

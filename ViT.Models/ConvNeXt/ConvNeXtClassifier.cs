namespace ViT.Models;

/// <summary>ConvNeXt's <c>classifier</c>: a LayerNorm over the channels, flatten and Linear (<c>0</c> and <c>2</c>).</summary>
[Block]
[LayerNorm(Epsilon = 1e-6)]
[Flatten]
[Linear(Classes)]
public partial class ConvNeXtClassifier
{
    /// <summary>Output classes.</summary>
    public const int Classes = 1000;
}

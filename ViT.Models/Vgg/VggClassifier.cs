namespace ViT.Models;

/// <summary>VGG's <c>classifier</c>: Linear 4096, ReLU, dropout, Linear 4096, ReLU, dropout, Linear to the classes (<c>0</c>, <c>3</c>, <c>6</c>).</summary>
[Block]
[Linear(4096)]
[Activation(Activation.ReLU)]
[Dropout(0.5)]
[Linear(4096)]
[Activation(Activation.ReLU)]
[Dropout(0.5)]
[Linear(Classes)]
public partial class VggClassifier
{
    /// <summary>Output classes.</summary>
    public const int Classes = 1000;
}

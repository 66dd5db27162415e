namespace ViT.Models;

/// <summary>
/// torchvision's ConvNeXt <c>CNBlock</c>: its <see cref="CNBlockBody"/> scaled per channel (<c>layer_scale</c>), then the
/// input added back with stochastic depth.
/// </summary>
[Block]
[Layer(typeof(CNBlockBody), Name = "block")]
[LayerScale(1e-6, Name = "layer_scale")]
[AddInput(DropPath = DropRate)]
public partial class CNBlock
{
    /// <summary>Stochastic depth of the residual branch (torchvision: 0.1 times the block's index over the count less one).</summary>
    public const double DropRate = 0;
}

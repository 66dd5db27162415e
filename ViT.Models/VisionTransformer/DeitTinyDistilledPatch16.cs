namespace ViT.Models;

/// <summary>
/// timm's <c>deit_tiny_distilled_patch16_224</c> (Touvron et al., 2021): ViT-Ti/16 with DeiT's distillation token after
/// the class token and a second head on it (<c>head_dist</c>); the two heads' logits are averaged, as timm does outside
/// distillation training. 5,910,800 parameters at 1000 classes.
/// </summary>
[Input(3, Size, Size)]
[Patchify(16, dim: 192)]
[ClassToken]
[DistillationToken]
[PositionEmbedding]
[Encoder(layers: 12, heads: 3)]
[ClassifierHead(Classes, Distilled = true)]
public partial class DeitTinyDistilledPatch16
{
    /// <summary>Output classes.</summary>
    public const int Classes = 1000;

    /// <summary>Image height and width.</summary>
    public const int Size = 224;
}

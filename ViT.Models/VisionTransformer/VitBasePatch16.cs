namespace ViT.Models;

/// <summary>
/// timm's <c>vit_base_patch16_224</c> (Dosovitskiy et al., 2021): 16x16 patches embedded in 768 features, a class token, learned
/// position embeddings, 12 pre-norm blocks of 12 heads, the final norm and a class-token head. 86,567,656 parameters at
/// 1000 classes; timm's state-dict names, so its weights load strictly.
/// </summary>
[Input(3, Size, Size)]
[Patchify(16, dim: 768)]
[ClassToken]
[PositionEmbedding]
[Encoder(layers: 12, heads: 12)]
[ClassifierHead(Classes)]
public partial class VitBasePatch16
{
    /// <summary>Output classes.</summary>
    public const int Classes = 1000;

    /// <summary>Image height and width.</summary>
    public const int Size = 224;
}

namespace ViT.Models;

/// <summary>
/// timm's <c>vit_base_patch16_reg4_gap_256</c> (Darcet et al., 2023): ViT-B/16 at 256x256 without a class token, position
/// embeddings on the patches only, four register tokens (<c>reg_token</c>), and a head on the mean of the patch tokens
/// normalised by <c>fc_norm</c>. 86,615,272 parameters at 1000 classes.
/// </summary>
[Input(3, Size, Size)]
[Patchify(16, dim: 768)]
[PositionEmbedding]
[RegisterTokens(4)]
[Encoder(layers: 12, heads: 12)]
[ClassifierHead(Classes, Pool = Pooling.Mean)]
public partial class VitBasePatch16Reg4Gap
{
    /// <summary>Output classes.</summary>
    public const int Classes = 1000;

    /// <summary>Image height and width.</summary>
    public const int Size = 256;
}

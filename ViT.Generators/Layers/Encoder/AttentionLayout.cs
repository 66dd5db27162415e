using ViT.Generators.Helpers;
using ViT.Generators.Shared;

namespace ViT.Generators.Layers;

/// <summary>
/// How an encoder's attention lays out q, k and v for its kind, worked out once at the encoder's input (N tokens of
/// width D, h heads) and read by every writer: the TorchSharp module, the ONNX nodes and the cost.
/// <list type="bullet">
/// <item>Split (timm): one fused <c>qkv</c> D→3D, read as [N, 3, h, D/h]; per head [N, D/h]; scores [h, N, N]; scale 1/√(D/h).</item>
/// <item>Wide (the tutorial's comments): <c>q</c>, <c>k</c>, <c>v</c> D→D·h, read as [N, h, D]; per head [N, D]; scores [h, N, N]; scale 1/√D.</item>
/// <item>The tutorial's listing: the same projections read as [N, D, h] and transposed to [h, D, N]; scores [h, D, D]; scale 1/√N.</item>
/// </list>
/// </summary>
/// <param name="Kind">The attention kind.</param>
/// <param name="Heads">h.</param>
/// <param name="Width">What q, k and v each produce, and the projection takes back: D (split) or D·h.</param>
/// <param name="ScaleBy">The scores are scaled by 1/√ScaleBy.</param>
/// <param name="Rows">Rows of each head's q (the scores are Rows × Rows): N, or D for the listing.</param>
/// <param name="Contracted">What each score sums over: D/h, D, or N for the listing.</param>
public sealed record AttentionLayout(AttentionKind Kind, long Heads, long Width, long ScaleBy, long Rows, long Contracted)
{
    public static AttentionLayout Of(AttentionKind kind, long n, long d, long heads) => kind switch
    {
        AttentionKind.Split => new(kind, heads, d, d / heads, n, d / heads),
        AttentionKind.Wide => new(kind, heads, Sizes.Mul(d, heads), d, n, d),
        _ => new(kind, heads, Sizes.Mul(d, heads), n, d, n),
    };

    /// <summary>Whether q, k and v come from one fused <c>qkv</c> Linear (timm's split heads).</summary>
    public bool Fused => Kind == AttentionKind.Split;

    /// <summary>Each head's q, k or v: [h, Rows, Contracted].</summary>
    public long[] PerHead => new[] { Heads, Rows, Contracted };

    /// <summary>The scores: [h, Rows, Rows].</summary>
    public long[] Scores => new[] { Heads, Rows, Rows };

    /// <summary>Multiply-adds of one sample's scores and of its weighted sum, each: h·Rows²·Contracted.</summary>
    public long ProductMacs => Sizes.Mul(Heads, Rows, Rows, Contracted);

    /// <summary>Elements of one sample's scores.</summary>
    public long ScoreElements => Sizes.Mul(Heads, Rows, Rows);

    /// <summary>
    /// How one full-width projection [B, N, D·h] is read per head, and which axes swap to give [B, h, Rows, Contracted]:
    /// [N, h, D] swapping 1 and 2 (wide), [N, D, h] swapping 1 and 3 (the listing).
    /// </summary>
    public (long[] View, int SwapWith) FullWidthView(long n, long d) =>
        Kind == AttentionKind.Wide ? (new[] { n, Heads, d }, 2) : (new[] { n, d, Heads }, 3);
}

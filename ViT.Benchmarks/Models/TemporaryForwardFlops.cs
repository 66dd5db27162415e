namespace ViT.Benchmarks.Models;

/// <summary>
/// TEMPORARY: forward FLOPs per image, counted here until the generator states them as <c>ModelSummary.ForwardFlops</c>
/// (issue 16). Then each row of <see cref="BenchmarkModels"/> reads that property instead and this file goes.
/// Counts the multiply-adds of matrix products and convolutions, 2 FLOPs each; elementwise work, normalisation and
/// softmax are not counted (they are a few per cent and do not run on the matrix units the floor is measured on).
/// </summary>
public static class TemporaryForwardFlops
{
    /// <summary>A matrix product <c>[m, k] x [k, n]</c>.</summary>
    public static long MatMul(long m, long k, long n) => 2 * m * k * n;

    /// <summary>
    /// A ViT with a Conv2d patch embedding, a class token, <paramref name="layers"/> pre-norm blocks and a linear head.
    /// Attention products per kind: split, h heads of D/h over N tokens; wide, h heads of width D over N tokens;
    /// the tutorial's listing, h heads whose scores are D x D between features, summed over the N tokens.
    /// </summary>
    public static long VisionTransformer(int channels, int imageSize, int patch, int dim, int layers, int heads, AttentionKind attention, int mlpHidden, int classes)
    {
        long patches = (imageSize / patch) * (imageSize / patch), tokens = patches + 1;
        long embed = MatMul(patches, channels * patch * patch, dim);
        long width = attention == AttentionKind.Split ? dim : (long)dim * heads; // q, k and v each
        long inputs = 3 * MatMul(tokens, dim, width);
        long scoresAndMix = attention switch
        {
            AttentionKind.Split => heads * 2 * MatMul(tokens, dim / heads, tokens),
            AttentionKind.Wide => heads * 2 * MatMul(tokens, dim, tokens),
            _ => heads * 2 * MatMul(dim, tokens, dim),
        };
        long projection = MatMul(tokens, width, dim);
        long mlp = MatMul(tokens, dim, mlpHidden) + MatMul(tokens, mlpHidden, dim);
        return embed + layers * (inputs + scoresAndMix + projection + mlp) + MatMul(1, dim, classes);
    }

    /// <summary>LeNet-5 as <see cref="Hand.HandLeNet"/> builds it, on 1x28x28 images.</summary>
    public static long LeNet() =>
        MatMul(24 * 24, 1 * 5 * 5, 6)      // conv1: 24x24 outputs of 6 channels, 1x5x5 window
        + MatMul(8 * 8, 6 * 5 * 5, 16)     // conv2: 8x8 outputs of 16 channels, 6x5x5 window
        + MatMul(1, 256, 120) + MatMul(1, 120, 84) + MatMul(1, 84, 10);
}

using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace ViT.Generators.Tests.Soundness;

/// <summary>The ViT layers, as the tutorial's listing and timm's <c>VisionTransformer</c> write them.</summary>
internal sealed partial class IndependentBuilder
{
    /// <summary>
    /// The tutorial's <c>img_to_patch</c> (a reshape into p x p patches, which refuses a remainder instead of
    /// cropping it as a stride-p convolution would), then a Linear C·p·p → D. D defaults to 100.
    /// </summary>
    Tensor Patchify(ModelClass model, Layer layer, Tensor x)
    {
        int patch = Int(layer, 0, "patch"), dim = Int(layer, 1, "dim", 100);
        if (patch <= 0) throw new BuildFailure(FailureKind.Unbuildable, $"{layer}: a patch of {patch} pixels cannot be cut");
        long b = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        var patches = x.reshape(b, c, h / patch, patch, w / patch, patch).permute(0, 2, 4, 1, 3, 5).reshape(b, (h / patch) * (w / patch), c * patch * patch);
        return linear(patches, Weight(model, dim, c * patch * patch), Weight(model, dim));
    }

    Tensor ClassToken(ModelClass model, Tensor x) =>
        cat([Weight(model, 1, 1, x.shape[2]).expand(x.shape[0], 1, x.shape[2]), x], 1);

    /// <summary>
    /// timm's blocks, <c>x + attn(norm1(x))</c> then <c>x + mlp(norm2(x))</c>, and the final norm. The MLP width is
    /// timm's <c>int(D * mlp_ratio)</c>; an epsilon of 0 means timm's 1e-6 for split attention and PyTorch's 1e-5
    /// otherwise (the attribute's documented default). Options are checked when the encoder is made, before any block.
    /// </summary>
    Tensor Encoder(ModelClass model, Layer layer, Tensor x)
    {
        int depth = Int(layer, 0, "layers"), heads = Int(layer, 1, "heads");
        var attention = Option(layer, -1, "Attention", AttentionKind.Split);
        var activation = Option(layer, -1, "Activation", Activation.GELU);
        var finalNorm = Option(layer, -1, "FinalNorm", FinalNorm.Apply);
        double ratio = Real(layer, -1, "MlpRatio", 4.0), epsilon = Real(layer, -1, "NormEpsilon", 0);
        double drop = Real(layer, -1, "Dropout", 0), attentionDrop = Real(layer, -1, "AttentionDropout", 0);
        bool qkvBias = Flag(layer, "QkvBias", true);
        if (epsilon == 0) epsilon = attention == AttentionKind.Split ? 1e-6 : 1e-5;
        if (!(epsilon > 0 && epsilon <= 1)) Observe(model, Observation.RateOutOfRange);
        foreach (double rate in new[] { drop, attentionDrop }) Dropout(model, rate, empty(0)); // nn.Dropout's own check
        long d = x.shape[2];
        long hidden = (long)Math.Truncate(d * ratio); // timm's int(dim * mlp_ratio)
        if (hidden == 0) Observe(model, Observation.Degenerate);
        if (depth <= 0) Observe(model, Observation.Degenerate);

        for (int i = 0; i < depth; i++)
        {
            var normed = Norm(model, x, epsilon);
            var attended = attention == AttentionKind.Split
                ? SplitAttention(model, normed, heads, qkvBias, attentionDrop)
                : FullWidthAttention(model, normed, heads, qkvBias, attentionDrop, listing: attention == AttentionKind.TutorialListing);
            x = x + Dropout(model, drop, attended);
            var h = Activate(activation, linear(Norm(model, x, epsilon), Weight(model, hidden, d), Weight(model, hidden)));
            x = x + Dropout(model, drop, linear(Dropout(model, drop, h), Weight(model, d, hidden), Weight(model, d)));
        }

        return finalNorm == FinalNorm.Apply ? Norm(model, x, epsilon) : x;
    }

    /// <summary>timm: a fused qkv Linear D → 3D, heads of width D/h, scale 1/sqrt(D/h), projection D → D.</summary>
    Tensor SplitAttention(ModelClass model, Tensor x, int heads, bool bias, double drop)
    {
        long b = x.shape[0], n = x.shape[1], d = x.shape[2];
        long width = heads != 0 ? d / heads : 0; // no heads: the reshape refuses it
        var qkv = linear(x, Weight(model, 3 * d, d), bias ? Weight(model, 3 * d) : null).reshape(b, n, 3, heads, width).permute(2, 0, 3, 1, 4);
        var (q, k, v) = (qkv[0], qkv[1], qkv[2]);
        var scores = Dropout(model, drop, (q.matmul(k.transpose(-2, -1)) / Math.Sqrt(width)).softmax(-1));
        return linear(scores.matmul(v).transpose(1, 2).reshape(b, n, d), Weight(model, d, d), Weight(model, d));
    }

    /// <summary>
    /// Every head has width D; q, k, v are D → D·h; the projection D·h → D. Wide: heads over tokens, scale 1/sqrt(D).
    /// The tutorial's listing: q, k, v seen as [B, N, D, h], then [B, h, D, N]; scores between features, scale
    /// 1/sqrt(N); the result re-read as [B, N, D·h].
    /// </summary>
    Tensor FullWidthAttention(ModelClass model, Tensor x, int heads, bool bias, double drop, bool listing)
    {
        long b = x.shape[0], n = x.shape[1], d = x.shape[2];
        Tensor Heads()
        {
            var projected = linear(x, Weight(model, d * heads, d), bias ? Weight(model, d * heads) : null);
            return listing ? projected.view(b, n, d, heads).transpose(1, 3) : projected.view(b, n, heads, d).transpose(1, 2);
        }

        var (q, k, v) = (Heads(), Heads(), Heads());
        var scores = Dropout(model, drop, (q.matmul(k.transpose(-2, -1)) / Math.Sqrt(listing ? n : d)).softmax(-1));
        var merged = listing ? scores.matmul(v).transpose(1, 2).contiguous().view(b, n, d * heads) : scores.matmul(v).transpose(1, 2).reshape(b, n, d * heads);
        return linear(merged, Weight(model, d, d * heads), Weight(model, d));
    }

    /// <summary>What token 0, which class-token pooling takes, is: a patch, or a class token that this model did not prepend.</summary>
    void ObserveClassToken(ModelClass model)
    {
        if (classTokens.Count == 0) Observe(model, Observation.PoolsPatchToken);
        else if (classTokens[0] != model.Name) Observe(model, building.Contains(classTokens[0]) ? Observation.PoolsInputToken : Observation.PoolsComposedClassToken);
    }

    /// <summary>timm's head: token 0 (class-token pooling) or the mean of the tokens after the class tokens, then Linear D → classes.</summary>
    Tensor ClassifierHead(ModelClass model, Layer layer, Tensor x)
    {
        int classes = Int(layer, 0, "classes");
        var pool = Option(layer, -1, "Pool", Pooling.ClassToken);
        if (pool == Pooling.ClassToken) ObserveClassToken(model);
        var pooled = pool == Pooling.ClassToken ? x.select(1, 0) : x.narrow(1, classTokens.Count, x.shape[1] - classTokens.Count).mean([1]);
        return linear(pooled, Weight(model, classes, x.shape[2]), Weight(model, classes));
    }
}

using System.Globalization;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace ViT.Generators.Tests.Soundness;

/// <summary>The ViT layers, as the tutorial's listing and timm's <c>VisionTransformer</c> (and DeiT's) write them and name their state.</summary>
internal sealed partial class IndependentBuilder
{
    /// <summary>
    /// timm's name for a ViT part (<c>patch_embed</c>), unless the layer has a <c>Name</c>; a later part of the same kind in
    /// the class takes its position as a suffix (<c>patch_embed_5</c>), as docs/model-dsl.md states.
    /// </summary>
    static string TimmName(Frame frame, string kind, string timm, string? name) =>
        name ?? (frame.EarlierKinds.Contains(kind) ? timm + "_" + frame.Position.ToString(CultureInfo.InvariantCulture) : timm);

    /// <summary>
    /// The tutorial's <c>img_to_patch</c> (a reshape into p x p patches, which refuses a remainder instead of
    /// cropping it as a stride-p convolution would), then a Linear C·p·p → D, timm's <c>patch_embed.proj</c>. D defaults to 100.
    /// </summary>
    Tensor Patchify(Frame frame, Layer layer, string? name, Tensor x)
    {
        int patch = Int(layer, 0, "patch"), dim = Int(layer, 1, "dim", 100);
        if (patch <= 0) throw new BuildFailure(FailureKind.Unbuildable, $"{layer}: a patch of {patch} pixels cannot be cut");
        long b = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        var patches = x.reshape(b, c, h / patch, patch, w / patch, patch).permute(0, 2, 4, 1, 3, 5).reshape(b, (h / patch) * (w / patch), c * patch * patch);
        string child = Child(frame, TimmName(frame, "Patchify", "patch_embed", name)) + ".proj";
        return linear(patches, Weight(frame, child + ".weight", dim, c * patch * patch), Weight(frame, child + ".bias", dim));
    }

    /// <summary>
    /// timm's learned tokens, <c>[1, n, D]</c> expanded over the batch: the class token (<c>cls_token</c>) in front, DeiT's
    /// distillation token (<c>dist_token</c>) right after the class token, register tokens (<c>reg_token</c>) after the
    /// class and distillation tokens. A distillation token where no class token leads is placed first and noted.
    /// </summary>
    Tensor LearnedTokens(Frame frame, string? name, PrefixKind kind, int count, Tensor x)
    {
        var (layerKind, timm) = kind switch
        {
            PrefixKind.ClassToken => ("ClassToken", "cls_token"),
            PrefixKind.DistillationToken => ("DistillationToken", "dist_token"),
            _ => ("RegisterTokens", "reg_token"),
        };
        if (kind != PrefixKind.ClassToken) constructs.Add(kind == PrefixKind.DistillationToken ? Construct.DistillationToken : Construct.RegisterTokens);
        int leading = prefix.TakeWhile(p => p.Kind is PrefixKind.ClassToken or PrefixKind.DistillationToken).Count();
        int at = kind switch
        {
            PrefixKind.ClassToken => 0,
            PrefixKind.DistillationToken when prefix.Count > 0 && prefix[0].Kind == PrefixKind.ClassToken && !(prefix.Count > 1 && prefix[1].Kind == PrefixKind.DistillationToken) => 1,
            PrefixKind.DistillationToken => Observed(frame, Observation.DistillationTokenAlone, 0),
            _ => leading,
        };
        if (count < 0) throw new BuildFailure(FailureKind.Torch, $"{count} register tokens: torch refuses a negative size");
        var tokens = Weight(frame, Child(frame, TimmName(frame, layerKind, timm, name)), 1, count, x.shape[2]).expand(x.shape[0], count, x.shape[2]);
        long n = x.shape[1];
        if (at > n) at = (int)n; // the tokens that would lead were dropped before (a pooling, a Linear on the tokens)
        var result = cat([x.narrow(1, 0, at), tokens, x.narrow(1, at, n - at)], 1);
        prefix.InsertRange(Math.Min(at, prefix.Count), Enumerable.Repeat((kind, frame.Id), count));
        return result;
    }

    int Observed(Frame frame, string observation, int value)
    {
        Observe(frame.Class, observation);
        return value;
    }

    Tensor PositionEmbedding(Frame frame, Layer layer, string? name, Tensor x) =>
        Dropout(frame, Real(layer, -1, "Dropout", 0), x + Weight(frame, Child(frame, TimmName(frame, "PositionEmbedding", "pos_embed", name)), 1, x.shape[1], x.shape[2]));

    /// <summary>
    /// timm's blocks, <c>x + drop_path(ls1(attn(norm1(x))))</c> then <c>x + drop_path(ls2(mlp(norm2(x))))</c>, and the
    /// final norm. The MLP width is timm's <c>int(D * mlp_ratio)</c>; an epsilon of 0 means timm's 1e-6 for split
    /// attention and PyTorch's 1e-5 otherwise (the attribute's documented default); block i drops its branches at
    /// timm's <c>linspace(0, drop_path_rate, depth)[i]</c>; a layer scale of 0 means none. Options are checked when the
    /// encoder is made, before any block. The final norm is created unless it is none, or timm's <c>fc_norm</c> takes
    /// its place (mean pooling right after: <paramref name="next"/>).
    /// </summary>
    Tensor Encoder(Frame frame, Layer layer, string? name, Layer? next, Tensor x)
    {
        int depth = Int(layer, 0, "layers"), heads = Int(layer, 1, "heads");
        var attention = Option(layer, -1, "Attention", ViT.AttentionKind.Split);
        var activation = Option(layer, -1, "Activation", ViT.Activation.GELU);
        var finalNorm = Option(layer, -1, "FinalNorm", ViT.FinalNorm.Apply);
        double ratio = Real(layer, -1, "MlpRatio", 4.0), epsilon = EncoderEpsilon(layer);
        double drop = Real(layer, -1, "Dropout", 0), attentionDrop = Real(layer, -1, "AttentionDropout", 0);
        double dropPath = Real(layer, -1, "DropPath", 0), layerScale = Real(layer, -1, "LayerScale", 0);
        bool qkvBias = Flag(layer, "QkvBias", true);
        if (!(epsilon > 0 && epsilon <= 1)) Observe(frame.Class, Observation.RateOutOfRange);
        foreach (double rate in new[] { drop, attentionDrop }) Dropout(frame, rate, empty(0)); // nn.Dropout's own check
        DropPath(frame, dropPath, ones(1)); // drop_path's own check
        if (dropPath != 0) constructs.Add(Construct.EncoderDropPath);
        if (layerScale != 0) constructs.Add(Construct.EncoderLayerScale);
        if (layerScale < 0 || !double.IsFinite(layerScale)) Observe(frame.Class, Observation.RateOutOfRange);
        long d = x.shape[2];
        long hidden = (long)Math.Truncate(d * ratio); // timm's int(dim * mlp_ratio)
        if (hidden == 0) Observe(frame.Class, Observation.Degenerate);
        if (depth <= 0) Observe(frame.Class, Observation.Degenerate);
        string blocks = Child(frame, TimmName(frame, "Encoder", "blocks", name));
        bool fcNorm = finalNorm == ViT.FinalNorm.Apply && next is { Kind: "ClassifierHead" } head && Option(head, -1, "Pool", ViT.Pooling.ClassToken) == ViT.Pooling.Mean;
        string? norm = finalNorm == ViT.FinalNorm.None || fcNorm ? null : Child(frame, NormBeside(blocks[frame.Prefix.Length..]));

        for (int i = 0; i < depth; i++)
        {
            string block = $"{blocks}.{i.ToString(CultureInfo.InvariantCulture)}.";
            double rate = depth > 1 ? dropPath * i / (depth - 1) : 0;
            var normed = Norm(frame, block + "norm1", x, epsilon);
            var attended = attention == ViT.AttentionKind.Split
                ? SplitAttention(frame, block + "attn.", normed, heads, qkvBias, attentionDrop)
                : FullWidthAttention(frame, block + "attn.", normed, heads, qkvBias, attentionDrop, listing: attention == ViT.AttentionKind.TutorialListing);
            x = x + DropPath(frame, rate, Scaled(frame, block + "ls1", Dropout(frame, drop, attended), layerScale));
            var h = Activate(activation, linear(Norm(frame, block + "norm2", x, epsilon), Weight(frame, block + "mlp.fc1.weight", hidden, d), Weight(frame, block + "mlp.fc1.bias", hidden)));
            var mlp = Dropout(frame, drop, linear(Dropout(frame, drop, h), Weight(frame, block + "mlp.fc2.weight", d, hidden), Weight(frame, block + "mlp.fc2.bias", d)));
            x = x + DropPath(frame, rate, Scaled(frame, block + "ls2", mlp, layerScale));
        }

        if (norm is null) return x;
        var normalised = Norm(frame, norm, x, epsilon);
        return finalNorm == ViT.FinalNorm.Apply ? normalised : x;
    }

    /// <summary>
    /// The final norm's name beside the blocks': <c>norm</c> beside <c>blocks</c>, <c>norm_5</c> beside <c>blocks_5</c>, and
    /// <c>{Name}_norm</c> beside an encoder named by its <c>Name</c>.
    /// </summary>
    static string NormBeside(string blocks) => blocks.StartsWith("blocks", StringComparison.Ordinal) ? "norm" + blocks["blocks".Length..] : blocks + "_norm";

    /// <summary>The norms' epsilon: 0 means timm's 1e-6 for split attention and PyTorch's 1e-5 otherwise (the attribute's documented default).</summary>
    static double EncoderEpsilon(Layer encoder)
    {
        double epsilon = Real(encoder, -1, "NormEpsilon", 0);
        return epsilon != 0 ? epsilon : Option(encoder, -1, "Attention", ViT.AttentionKind.Split) == ViT.AttentionKind.Split ? 1e-6 : 1e-5;
    }

    /// <summary>timm's <c>LayerScale</c>: a learned <c>gamma</c> per feature, started at <paramref name="init"/>; none when it is 0.</summary>
    Tensor Scaled(Frame frame, string module, Tensor x, double init) =>
        init == 0 ? x : x * Weight(frame, module + ".gamma", x.shape[^1]).fill_(init);

    /// <summary>timm: a fused qkv Linear D → 3D, heads of width D/h, scale 1/sqrt(D/h), projection D → D.</summary>
    Tensor SplitAttention(Frame frame, string module, Tensor x, int heads, bool bias, double drop)
    {
        long b = x.shape[0], n = x.shape[1], d = x.shape[2];
        long width = heads != 0 ? d / heads : 0; // no heads: the reshape refuses it
        var qkv = linear(x, Weight(frame, module + "qkv.weight", 3 * d, d), bias ? Weight(frame, module + "qkv.bias", 3 * d) : null).reshape(b, n, 3, heads, width).permute(2, 0, 3, 1, 4);
        var (q, k, v) = (qkv[0], qkv[1], qkv[2]);
        var scores = Dropout(frame, drop, (q.matmul(k.transpose(-2, -1)) / Math.Sqrt(width)).softmax(-1));
        return linear(scores.matmul(v).transpose(1, 2).reshape(b, n, d), Weight(frame, module + "proj.weight", d, d), Weight(frame, module + "proj.bias", d));
    }

    /// <summary>
    /// Every head has width D; q, k, v are D → D·h; the projection D·h → D. Wide: heads over tokens, scale 1/sqrt(D).
    /// The tutorial's listing: q, k, v seen as [B, N, D, h], then [B, h, D, N]; scores between features, scale
    /// 1/sqrt(N); the result re-read as [B, N, D·h].
    /// </summary>
    Tensor FullWidthAttention(Frame frame, string module, Tensor x, int heads, bool bias, double drop, bool listing)
    {
        long b = x.shape[0], n = x.shape[1], d = x.shape[2];
        Tensor Heads(string part)
        {
            var projected = linear(x, Weight(frame, module + part + ".weight", d * heads, d), bias ? Weight(frame, module + part + ".bias", d * heads) : null);
            return listing ? projected.view(b, n, d, heads).transpose(1, 3) : projected.view(b, n, heads, d).transpose(1, 2);
        }

        var (q, k, v) = (Heads("q"), Heads("k"), Heads("v"));
        var scores = Dropout(frame, drop, (q.matmul(k.transpose(-2, -1)) / Math.Sqrt(listing ? n : d)).softmax(-1));
        var merged = listing ? scores.matmul(v).transpose(1, 2).contiguous().view(b, n, d * heads) : scores.matmul(v).transpose(1, 2).reshape(b, n, d * heads);
        return linear(merged, Weight(frame, module + "proj.weight", d, d * heads), Weight(frame, module + "proj.bias", d));
    }

    /// <summary>
    /// What token <paramref name="index"/>, which the head takes, is: a patch (or no token of <paramref name="kind"/>),
    /// or a token of that kind that this class did not add (one that arrived with its input is noted apart).
    /// </summary>
    void ObservePooledToken(Frame frame, int index, PrefixKind kind)
    {
        if (prefix.Count <= index || prefix[index].Kind != kind)
        {
            Observe(frame.Class, kind == PrefixKind.ClassToken ? Observation.PoolsPatchToken : Observation.PoolsOtherThanDistillationToken);
        }
        else if (prefix[index].Frame != frame.Id && building.Any(f => f.Id == prefix[index].Frame))
        {
            Observe(frame.Class, Observation.PoolsInputToken);
        }
    }

    /// <summary>
    /// timm's head: token 0 (class-token pooling) or the mean of the tokens after the prefix tokens (then <c>fc_norm</c>
    /// where an encoder's applied final norm moved there), then Linear D → classes (<c>head</c>); distilled, DeiT's
    /// <c>head_dist</c> on token 1 too, the two logits averaged as timm does outside distillation training.
    /// </summary>
    Tensor ClassifierHead(Frame frame, Layer layer, string? name, Tensor x)
    {
        int classes = Int(layer, 0, "classes");
        var pool = Option(layer, -1, "Pool", ViT.Pooling.ClassToken);
        bool distilled = Flag(layer, "Distilled", false);
        string head = TimmName(frame, "ClassifierHead", "head", name);
        long d = x.shape[2];
        if (distilled)
        {
            constructs.Add(Construct.DistilledHead);
            if (pool != ViT.Pooling.ClassToken) Observe(frame.Class, Observation.DistilledMeanPooling);
            ObservePooledToken(frame, 0, PrefixKind.ClassToken);
            ObservePooledToken(frame, 1, PrefixKind.DistillationToken);
            string main = Child(frame, head), second = Child(frame, head + "_dist");
            var logits = linear(x.select(1, 0), Weight(frame, main + ".weight", classes, d), Weight(frame, main + ".bias", classes));
            return (logits + linear(x.select(1, 1), Weight(frame, second + ".weight", classes, d), Weight(frame, second + ".bias", classes))) / 2;
        }

        if (pool == ViT.Pooling.ClassToken) ObservePooledToken(frame, 0, PrefixKind.ClassToken);
        var pooled = pool == ViT.Pooling.ClassToken ? x.select(1, 0) : x.narrow(1, prefix.Count, x.shape[1] - prefix.Count).mean([1]);
        if (pool == ViT.Pooling.Mean && frame.Previous is { Kind: "Encoder" } encoder && Option(encoder, -1, "FinalNorm", ViT.FinalNorm.Apply) == ViT.FinalNorm.Apply)
        {
            pooled = Norm(frame, Child(frame, "fc_norm" + (head.StartsWith("head", StringComparison.Ordinal) ? head["head".Length..] : "")), pooled, EncoderEpsilon(encoder));
        }

        string child = Child(frame, head);
        return linear(pooled, Weight(frame, child + ".weight", classes, d), Weight(frame, child + ".bias", classes));
    }

    /// <summary>
    /// timm's prefix tokens, followed as the data flows: the learned-token layers add theirs; a layer that changes the
    /// token count or the rank (or patchifies) drops them; a composed class has counted its own layers already.
    /// </summary>
    void CountPrefix(Frame frame, Layer layer, Tensor before, Tensor after)
    {
        if (layer.Kind is "ClassToken" or "DistillationToken" or "RegisterTokens" or "Layer" or "Residual" or "Repeat") return;
        if (layer.Kind == "Patchify" || before.dim() != 3 || after.dim() != 3 || before.shape[1] != after.shape[1]) prefix.Clear();
    }
}

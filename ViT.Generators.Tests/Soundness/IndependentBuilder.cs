using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// Builds and runs a model from raw layer numbers with plain TorchSharp, following DESIGN.md's layer semantics and
/// sharing no code with the generator or shape inference: each layer takes what the previous one produced and lets
/// TorchSharp (or a declared rank) decide whether it fits. Patchify is the tutorial's reshape into p x p patches
/// followed by a Linear (the same function as a stride-p Conv2d, but it refuses a remainder instead of cropping it).
/// </summary>
internal static class IndependentBuilder
{
    /// <summary>Bigger than this is not run here (a 2-core machine); reported as skipped.</summary>
    public const long MaxElements = 60_000_000;

    public enum Outcome { Ran, Failed, Skipped }

    public static (Outcome Outcome, string Detail) BuildAndRun(IReadOnlyList<Layer> layers)
    {
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            torch.random.manual_seed(1);
            if (layers.Count == 0 || layers[0].Kind != "Input") return (Outcome.Failed, "no input shape: the first layer is not [Input]");
            var input = layers[0];
            if ((long)Math.Max(input.A, 0) * Math.Max(input.B, 0) * Math.Max(input.C, 0) > MaxElements) return (Outcome.Skipped, "input too large");
            Tensor x = randn(2, input.A, input.B, input.C);
            foreach (var layer in layers)
            {
                x = Apply(layer, x);
            }

            return (Outcome.Ran, "[" + string.Join(", ", x.shape) + "]");
        }
        catch (SkipException e)
        {
            return (Outcome.Skipped, e.Message);
        }
        catch (Exception e)
        {
            return (Outcome.Failed, e.GetType().Name + ": " + e.Message.Split('\n')[0]);
        }
    }

    static Tensor Apply(Layer layer, Tensor x) => layer.Kind switch
    {
        "Input" => Guard(layer, x),
        "Patchify" => Patchify(layer.A, layer.B, x),
        "ClassToken" => ClassToken(Tokens(x, "ClassToken")),
        "PositionEmbedding" => PositionEmbedding(layer.Dropout, Tokens(x, "PositionEmbedding")),
        "Encoder" => Encoder(layer, Tokens(x, "Encoder")),
        "ClassifierHead" => Head(layer.A, layer.Flag, Tokens(x, "ClassifierHead")),
        _ => throw new InvalidOperationException(layer.Kind),
    };

    /// <summary>The runtime input guard: what arrives must be [B, C, H, W] as declared.</summary>
    static Tensor Guard(Layer input, Tensor x)
    {
        if (x.dim() != 4 || x.shape[1] != input.A || x.shape[2] != input.B || x.shape[3] != input.C)
        {
            throw new ArgumentException($"input guard: expected [B, {input.A}, {input.B}, {input.C}], got [{string.Join(", ", x.shape)}]");
        }

        return x;
    }

    /// <summary>Token layers declare [N, D] (with the batch, rank 3).</summary>
    static Tensor Tokens(Tensor x, string layer) =>
        x.dim() == 3 ? x : throw new ArgumentException($"{layer} takes tokens [B, N, D], got [{string.Join(", ", x.shape)}]");

    static Tensor Patchify(int p, int dim, Tensor x)
    {
        if (x.dim() != 4) throw new ArgumentException($"Patchify takes an image [B, C, H, W], got [{string.Join(", ", x.shape)}]");
        long b = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        if (p == 0) throw new DivideByZeroException("patch 0");
        Check((long)c * p * p * Math.Max(dim, 1));
        var patches = x.view(b, c, h / p, p, w / p, p).permute(0, 2, 4, 1, 3, 5).reshape(b, (h / p) * (w / p), c * p * p);
        using var proj = nn.Linear(c * p * p, dim);
        return proj.forward(patches);
    }

    static Tensor ClassToken(Tensor x)
    {
        var token = zeros(1, 1, x.shape[2]).expand(x.shape[0], 1, x.shape[2]);
        return cat(new[] { token, x }, 1);
    }

    static Tensor PositionEmbedding(double dropout, Tensor x)
    {
        var embedding = randn(1, x.shape[1], x.shape[2]) * 0.02;
        return nn.functional.dropout(x + embedding, dropout, training: true);
    }

    static Tensor Encoder(Layer layer, Tensor x)
    {
        long d = x.shape[2];
        int heads = layer.B;
        double hiddenExact = d * layer.Ratio;
        long hidden = (long)Math.Round(hiddenExact);
        if (Math.Abs(hiddenExact - hidden) > 1e-9) throw new ArgumentException($"a Linear layer cannot have {hiddenExact} features");
        if (layer.A < 0) throw new ArgumentException($"{layer.A} blocks");
        Check(layer.A * (d * d * Math.Max(heads, 1) * 4 + 2 * d * Math.Max(hidden, 1)));
        for (int i = 0; i < layer.A; i++)
        {
            using var norm1 = nn.LayerNorm(d);
            using var norm2 = nn.LayerNorm(d);
            var normed = norm1.forward(x);
            x = x + (layer.Flag ? FullWidthAttention(normed, heads, listing: layer.C == 1) : SplitAttention(normed, heads));
            using var fc1 = nn.Linear(d, hidden);
            using var fc2 = nn.Linear(hidden, d);
            x = x + fc2.forward(nn.functional.gelu(fc1.forward(norm2.forward(x))));
        }

        return x;
    }

    /// <summary>timm: fused qkv D -> 3D, heads of width D/h.</summary>
    static Tensor SplitAttention(Tensor x, int heads)
    {
        long b = x.shape[0], n = x.shape[1], d = x.shape[2];
        long headWidth = d / heads; // DivideByZeroException for 0 heads
        using var qkvLinear = nn.Linear(d, 3 * d);
        using var proj = nn.Linear(d, d);
        var qkv = qkvLinear.forward(x).view(b, n, 3, heads, headWidth).permute(2, 0, 3, 1, 4);
        var (q, k, v) = (qkv[0], qkv[1], qkv[2]);
        var attention = (q.matmul(k.transpose(-2, -1)) / Math.Sqrt(headWidth)).softmax(-1);
        return proj.forward(attention.matmul(v).transpose(1, 2).reshape(b, n, d));
    }

    /// <summary>
    /// Every head has width D; q, k, v are D -> D*h; output D*h -> D. Wide: heads over tokens. The tutorial's listing:
    /// q, k, v seen as [B, N, D, h] then [B, h, D, N]; features x features scores; the result re-read as [B, N, D*h].
    /// </summary>
    static Tensor FullWidthAttention(Tensor x, int heads, bool listing)
    {
        long b = x.shape[0], n = x.shape[1], d = x.shape[2];
        using var ql = nn.Linear(d, d * heads);
        using var kl = nn.Linear(d, d * heads);
        using var vl = nn.Linear(d, d * heads);
        using var proj = nn.Linear(d * heads, d);
        Tensor Heads(TorchSharp.Modules.Linear linear) => listing
            ? linear.forward(x).view(b, n, d, heads).transpose(1, 3)
            : linear.forward(x).view(b, n, heads, d).transpose(1, 2);
        var (q, k, v) = (Heads(ql), Heads(kl), Heads(vl));
        var attention = (q.matmul(k.transpose(-2, -1)) / Math.Sqrt(listing ? n : d)).softmax(-1);
        var merged = listing
            ? attention.matmul(v).transpose(1, 2).contiguous().view(b, n, d * heads)
            : attention.matmul(v).transpose(1, 2).reshape(b, n, d * heads);
        return proj.forward(merged);
    }

    static Tensor Head(int classes, bool mean, Tensor x)
    {
        Check(x.shape[2] * (long)classes);
        var pooled = mean ? x.mean(new long[] { 1 }) : x[.., 0];
        using var head = nn.Linear(x.shape[2], classes);
        return head.forward(pooled);
    }

    static void Check(long elements)
    {
        if (elements > MaxElements) throw new SkipException($"{elements} weights is more than this test runs");
    }

    sealed class SkipException(string message) : Exception(message);
}

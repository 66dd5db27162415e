using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Research;

/// <summary>
/// RESEARCH BASELINE, not the product. Full-width attention (each of h heads has width D) in the formulations
/// <see cref="FastViTOptions"/> selects. Both full-width kinds reduce to one shape of computation,
/// <c>softmax(q kᵀ / sqrt(E)) v</c> over tensors <c>[B, h, L, E]</c>:
/// <list type="bullet">
/// <item><see cref="AttentionKind.Wide"/>: L = N tokens, E = D features (q viewed <c>[B, N, h, D]</c>, heads outer).</item>
/// <item><see cref="AttentionKind.TutorialListing"/>: L = D features, E = N tokens (q viewed <c>[B, N, D, h]</c>,
/// heads innermost, then transposed), so the scale 1/sqrt(E) is the listing's 1/sqrt(N).</item>
/// </list>
/// In both, the result <c>[B, h, L, E]</c> transposed to <c>[B, L, h, E]</c> and read as <c>[B, N, D·h]</c> is what
/// the projection takes; so the scale is always sdpa's default and one code path serves both kinds.
/// Parameter names: <c>q</c>, <c>k</c>, <c>v</c>, <c>proj</c>, or <c>qkv</c> (q, k, v stacked) and <c>proj</c> when fused.
/// </summary>
public sealed class FastFullWidthAttention : nn.Module<Tensor, Tensor>
{
    private readonly Linear? q;
    private readonly Linear? k;
    private readonly Linear? v;
    private readonly Linear? qkv;
    private readonly Linear proj;
    private readonly FastViTOptions options;
    private readonly long dim;
    private readonly long heads;

    /// <summary>Creates the attention for tokens of width <paramref name="dim"/>.</summary>
    public FastFullWidthAttention(int dim, int heads, FastViTOptions options) : base(nameof(FastFullWidthAttention))
    {
        if (options.FuseQkv) qkv = nn.Linear(dim, 3 * dim * heads);
        else (q, k, v) = (nn.Linear(dim, dim * heads), nn.Linear(dim, dim * heads), nn.Linear(dim, dim * heads));
        proj = nn.Linear(dim * heads, dim);
        this.options = options;
        this.dim = dim;
        this.heads = heads;
        RegisterComponents();
    }

    bool Listing => options.Attention == AttentionKind.TutorialListing;

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        long batch = x.shape[0], tokens = x.shape[1];
        var (query, key, value) = options.PermuteWeights && Listing ? InputsWithPermutedWeights(x) : Inputs(x);
        var ac = options.Autocast;
        Tensor attended;
        if (options.Sdpa)
        {
            attended = nn.functional.scaled_dot_product_attention(ac.In(query), ac.In(key), ac.In(value));
        }
        else
        {
            var scores = ac.MatMul(query, key.transpose(-2, -1)) * (1 / Math.Sqrt(query.shape[^1]));
            attended = ac.MatMul(Autocast.Softmax(scores, options.SoftmaxInProductType), value);
        }

        return ac.Linear(proj, attended.transpose(1, 2).reshape(batch, tokens, dim * heads));
    }

    /// <summary>q, k, v as <c>[B, h, L, E]</c> from the Linears' outputs <c>[B, N, D·h]</c>, by views and a transpose.</summary>
    (Tensor, Tensor, Tensor) Inputs(Tensor x)
    {
        var ac = options.Autocast;
        var (query, key, value) = qkv is not null ? Three(ac.Linear(qkv, x).chunk(3, -1))
            : options.ConcatQkv ? Three(nn.functional.linear(ac.In(x), ac.In(torch.cat([q!.weight!, k!.weight!, v!.weight!])), ac.In(torch.cat([q!.bias!, k!.bias!, v!.bias!]))).chunk(3, -1))
            : (ac.Linear(q!, x), ac.Linear(k!, x), ac.Linear(v!, x));
        return (Heads(query), Heads(key), Heads(value));
    }

    Tensor Heads(Tensor t)
    {
        long batch = t.shape[0], tokens = t.shape[1];
        return Listing
            ? t.reshape(batch, tokens, dim, heads).transpose(1, 3)  // [B, h, D, N]
            : t.reshape(batch, tokens, heads, dim).transpose(1, 2); // [B, h, N, D]
    }

    /// <summary>
    /// The listing's q, k, v computed directly as <c>[B, h, D, N]</c>: the rows of each weight are reordered from
    /// feature-major (row f·h + head) to head-major (row head·D + f), then <c>W x_bᵀ</c> per image puts tokens innermost.
    /// </summary>
    (Tensor, Tensor, Tensor) InputsWithPermutedWeights(Tensor x)
    {
        var ac = options.Autocast;
        long batch = x.shape[0], tokens = x.shape[1], inputs = x.shape[2], parts = 3;
        var weight = qkv is not null ? qkv.weight! : torch.cat([q!.weight!, k!.weight!, v!.weight!]);
        var bias = qkv is not null ? qkv.bias! : torch.cat([q!.bias!, k!.bias!, v!.bias!]);
        var headMajor = weight.view(parts, dim, heads, inputs).transpose(1, 2).reshape(parts * heads * dim, inputs);
        var headMajorBias = bias.view(parts, dim, heads).transpose(1, 2).reshape(parts * heads * dim, 1);
        // bias + W xᵀ per image. TorchSharp 0.107's a.baddbmm(b, c) computes c + a·b (its arguments reach libtorch
        // rotated), so the product's left factor is the receiver here; SameFunction checks the result.
        var all = ac.In(headMajor).expand(batch, -1, -1).baddbmm(ac.In(x).transpose(1, 2), ac.In(headMajorBias).expand(batch, -1, tokens));
        return Three(all.view(batch, parts, heads, dim, tokens).unbind(1));
    }

    static (Tensor, Tensor, Tensor) Three(Tensor[] parts) => (parts[0], parts[1], parts[2]);
}

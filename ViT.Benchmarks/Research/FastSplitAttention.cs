using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Research;

/// <summary>
/// RESEARCH BASELINE, not the product. timm's split attention (fused qkv D→3D, h heads of width D/h, scale
/// 1/sqrt(D/h)) with explicit products or <c>scaled_dot_product_attention</c>, in the precision the options select.
/// </summary>
public sealed class FastSplitAttention : nn.Module<Tensor, Tensor>
{
    private readonly Linear qkv;
    private readonly Linear proj;
    private readonly FastViTOptions options;
    private readonly long heads;

    /// <summary>Creates the attention for tokens of width <paramref name="dim"/>.</summary>
    public FastSplitAttention(int dim, int heads, FastViTOptions options) : base(nameof(FastSplitAttention))
    {
        qkv = nn.Linear(dim, 3 * dim);
        proj = nn.Linear(dim, dim);
        this.options = options;
        this.heads = heads;
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        long batch = x.shape[0], tokens = x.shape[1], dim = x.shape[2];
        var ac = options.Autocast;
        var parts = ac.Linear(qkv, x).view(batch, tokens, 3, heads, dim / heads).permute(2, 0, 3, 1, 4); // [3, B, h, N, D/h]
        var (query, key, value) = (parts[0], parts[1], parts[2]);
        Tensor attended;
        if (options.Sdpa)
        {
            attended = nn.functional.scaled_dot_product_attention(query, key, value);
        }
        else
        {
            var scores = ac.MatMul(query, key.transpose(-2, -1)) * (1 / Math.Sqrt(dim / heads));
            attended = ac.MatMul(Autocast.Softmax(scores, options.SoftmaxInProductType), value);
        }

        return ac.Linear(proj, attended.transpose(1, 2).reshape(batch, tokens, dim));
    }
}

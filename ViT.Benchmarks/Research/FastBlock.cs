using TorchSharp;
using TorchSharp.Modules;
using ViT.Benchmarks.Hand;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Research;

/// <summary>
/// RESEARCH BASELINE, not the product. A pre-norm block whose residual stream and LayerNorms stay float32: the
/// attention and MLP return their products' type, and the residual addition promotes them back.
/// </summary>
public sealed class FastBlock : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm norm1;
    private readonly nn.Module<Tensor, Tensor> attn;
    private readonly LayerNorm norm2;
    private readonly FastMlp mlp;

    /// <summary>Creates the block.</summary>
    public FastBlock(HandViTConfig config, FastViTOptions options) : base(nameof(FastBlock))
    {
        norm1 = nn.LayerNorm(config.Dim, eps: config.Eps);
        attn = options.Attention == AttentionKind.Split
            ? new FastSplitAttention(config.Dim, config.Heads, options)
            : new FastFullWidthAttention(config.Dim, config.Heads, options);
        norm2 = nn.LayerNorm(config.Dim, eps: config.Eps);
        mlp = new FastMlp(config.Dim, config.MlpHidden, config.Gelu, options.Autocast);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        x = x + attn.forward(norm1.forward(x));
        return x + mlp.forward(norm2.forward(x));
    }
}

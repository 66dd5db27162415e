using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Hand;

/// <summary>A pre-norm transformer block: <c>x + attn(norm1(x))</c>, then <c>x + mlp(norm2(x))</c>.</summary>
public sealed class HandBlock : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm norm1;
    private readonly nn.Module<Tensor, Tensor> attn;
    private readonly LayerNorm norm2;
    private readonly Sequential mlp;

    /// <summary>Creates the block around the given attention.</summary>
    public HandBlock(HandViTConfig config, nn.Module<Tensor, Tensor> attention) : base(nameof(HandBlock))
    {
        norm1 = nn.LayerNorm(config.Dim, eps: config.Eps);
        attn = attention;
        norm2 = nn.LayerNorm(config.Dim, eps: config.Eps);
        mlp = nn.Sequential(
            ("fc1", nn.Linear(config.Dim, config.MlpHidden)),
            ("act", config.Gelu ? nn.GELU() : nn.ReLU()),
            ("fc2", nn.Linear(config.MlpHidden, config.Dim)));
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        x = x + attn.forward(norm1.forward(x));
        return x + mlp.forward(norm2.forward(x));
    }
}

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Hand;

/// <summary>timm's attention: one fused qkv Linear D→3D, heads of width D/h, scale 1/sqrt(D/h), projection D→D.</summary>
public sealed class TimmAttention : nn.Module<Tensor, Tensor>
{
    private readonly Linear qkv;
    private readonly Linear proj;
    private readonly int heads;
    private readonly double scale;

    /// <summary>Creates the attention for tokens of width <paramref name="dim"/>.</summary>
    public TimmAttention(int dim, int heads) : base(nameof(TimmAttention))
    {
        qkv = nn.Linear(dim, dim * 3);
        proj = nn.Linear(dim, dim);
        this.heads = heads;
        scale = 1 / Math.Sqrt(dim / heads);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        long batch = x.shape[0], tokens = x.shape[1], dim = x.shape[2];
        var parts = qkv.forward(x).reshape(batch, tokens, 3, heads, dim / heads).permute(2, 0, 3, 1, 4);
        var (query, key, value) = (parts[0], parts[1], parts[2]);
        var scores = query.matmul(key.transpose(-2, -1)) * scale;
        var output = scores.softmax(-1).matmul(value);
        return proj.forward(output.transpose(1, 2).reshape(batch, tokens, dim));
    }
}

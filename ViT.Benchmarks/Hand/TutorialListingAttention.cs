using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Hand;

/// <summary>
/// The tutorial listing's attention as its PyTorch code reads: three Linears q, k, v of width D·h, each viewed
/// <c>[B, N, D, h]</c> and transposed to <c>[B, h, D, N]</c>, scores between features scaled by 1/sqrt(N), the result
/// re-read as <c>[B, N, D·h]</c> and projected back to D.
/// </summary>
public sealed class TutorialListingAttention : nn.Module<Tensor, Tensor>
{
    private readonly Linear q;
    private readonly Linear k;
    private readonly Linear v;
    private readonly Linear proj;
    private readonly int dim;
    private readonly int heads;

    /// <summary>Creates the attention for tokens of width <paramref name="dim"/>.</summary>
    public TutorialListingAttention(int dim, int heads) : base(nameof(TutorialListingAttention))
    {
        q = nn.Linear(dim, dim * heads);
        k = nn.Linear(dim, dim * heads);
        v = nn.Linear(dim, dim * heads);
        proj = nn.Linear(dim * heads, dim);
        this.dim = dim;
        this.heads = heads;
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        long batch = x.shape[0], tokens = x.shape[1];
        var query = q.forward(x).reshape(batch, tokens, dim, heads).transpose(1, 3);
        var key = k.forward(x).reshape(batch, tokens, dim, heads).transpose(1, 3);
        var value = v.forward(x).reshape(batch, tokens, dim, heads).transpose(1, 3);
        var scores = query.matmul(key.transpose(-2, -1)) / Math.Sqrt(tokens);
        var output = scores.softmax(-1).matmul(value);
        return proj.forward(output.transpose(1, 2).reshape(batch, tokens, dim * heads));
    }
}

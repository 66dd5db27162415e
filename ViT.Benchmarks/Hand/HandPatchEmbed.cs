using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Hand;

/// <summary>Patches embedded by a Conv2d with kernel = stride = patch, flattened to tokens <c>[B, N, D]</c>.</summary>
public sealed class HandPatchEmbed : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d proj;

    /// <summary>Creates the embedding.</summary>
    public HandPatchEmbed(int channels, int dim, int patch) : base(nameof(HandPatchEmbed))
    {
        proj = nn.Conv2d(channels, dim, patch, stride: patch);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x) => proj.forward(x).flatten(2).transpose(1, 2);
}

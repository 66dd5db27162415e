using System.ComponentModel;
using TorchSharp;
using static TorchSharp.torch;

namespace ViT;

/// <summary>
/// Stochastic depth, as generated models apply it to a residual branch: while training, each sample's branch is kept
/// with probability 1 − rate and scaled by 1/(1 − rate), or dropped (timm's <c>drop_path</c>, torchvision's
/// <c>stochastic_depth(p, "row")</c>); the identity otherwise.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DropPath
{
    /// <summary>The branch <paramref name="x"/> with whole samples dropped at <paramref name="rate"/> while <paramref name="training"/>.</summary>
    public static Tensor Apply(Tensor x, double rate, bool training)
    {
        if (!training || rate == 0) return x;
        double keep = 1 - rate;
        var shape = new long[x.ndim];
        shape[0] = x.shape[0];
        for (int i = 1; i < shape.Length; i++) shape[i] = 1;
        using var mask = torch.empty(shape, x.dtype, x.device).bernoulli_(keep).div_(keep);
        return x * mask;
    }
}

using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Training;

/// <summary>
/// PyTorch's <c>clip_grad_norm_</c> without its host read: the total norm of all gradients, and every gradient scaled by
/// min(1, max / (norm + 1e-6)), all on the device (TorchSharp's returns the norm as a number, which waits for a GPU).
/// </summary>
internal static class GradientClipping
{
    public static void ClipByNorm(IEnumerable<Tensor> gradients, double maxNorm)
    {
        using var scope = torch.NewDisposeScope();
        var all = gradients.ToArray();
        if (all.Length == 0) return;
        var total = torch.stack(all.Select(g => g.norm().to(ScalarType.Float32))).norm();
        var scale = (maxNorm / (total + 1e-6)).clamp_max(1.0);
        foreach (var gradient in all) gradient.mul_(scale.to(gradient.dtype));
    }
}

using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Cases;

/// <summary>
/// Channels-last memory format (oneDNN's preferred layout on CPUs): a [N, C, H, W] tensor stored as [N, H, W, C], its
/// shape unchanged. TorchSharp 0.107 has the <c>memory_format</c> enum but no method that takes it, so the layout is
/// made as PyTorch's <c>to(memory_format=torch.channels_last)</c> makes it: a permuted contiguous copy, viewed back.
/// </summary>
public static class ChannelsLast
{
    /// <summary>A channels-last copy of a rank-4 tensor (other ranks are returned as they are).</summary>
    public static Tensor Of(Tensor x) => x.dim() == 4 ? x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2) : x;

    /// <summary>Whether a rank-4 tensor is stored channels-last: strides [H·W·C, 1, W·C, C].</summary>
    public static bool Is(Tensor x) =>
        x.dim() == 4 && x.stride().SequenceEqual([x.shape[1] * x.shape[2] * x.shape[3], 1, x.shape[3] * x.shape[1], x.shape[1]]);

    /// <summary>Stores every rank-4 parameter of <paramref name="model"/> (the convolutions' weights) channels-last, in place.</summary>
    public static void Apply(nn.Module model)
    {
        using var noGrad = torch.no_grad();
        foreach (var parameter in model.parameters().Where(p => p.dim() == 4))
        {
            using var scope = torch.NewDisposeScope();
            parameter.set_(Of(parameter));
        }
    }
}

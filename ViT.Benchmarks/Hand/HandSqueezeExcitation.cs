using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Hand;

/// <summary>
/// torchvision's <c>SqueezeExcitation</c> with SiLU: the channels' means through two 1x1 convs (<c>fc1</c>, SiLU,
/// <c>fc2</c>) and a sigmoid scale each channel of the input.
/// </summary>
public sealed class HandSqueezeExcitation : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d fc1;
    private readonly Conv2d fc2;

    /// <summary>Creates the gate for <paramref name="channels"/> channels squeezed to <paramref name="squeezed"/>.</summary>
    public HandSqueezeExcitation(int channels, int squeezed) : base(nameof(HandSqueezeExcitation))
    {
        fc1 = nn.Conv2d(channels, squeezed, 1);
        fc2 = nn.Conv2d(squeezed, channels, 1);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        var scale = x.mean([2, 3], keepdim: true);                                   // [B, C, 1, 1]
        scale = fc2.forward(nn.functional.silu(fc1.forward(scale))).sigmoid();
        return x * scale;
    }
}

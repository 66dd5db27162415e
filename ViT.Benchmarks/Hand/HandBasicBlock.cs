using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Hand;

/// <summary>A ResNet basic block as torchvision writes it: conv, batch norm, ReLU, conv, batch norm, plus the input, ReLU.</summary>
public sealed class HandBasicBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;

    /// <summary>Creates the block on <paramref name="channels"/> channels.</summary>
    public HandBasicBlock(int channels) : base(nameof(HandBasicBlock))
    {
        conv1 = nn.Conv2d(channels, channels, 3, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(channels);
        conv2 = nn.Conv2d(channels, channels, 3, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(channels);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        var y = nn.functional.relu(bn1.forward(conv1.forward(x)));
        return nn.functional.relu(x + bn2.forward(conv2.forward(y)));
    }
}

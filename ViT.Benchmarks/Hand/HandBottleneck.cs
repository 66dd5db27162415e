using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Hand;

/// <summary>
/// torchvision's ResNet bottleneck (v1.5: the stride on the 3x3 conv): 1x1 conv to <c>width</c>, 3x3 conv, 1x1 conv to
/// four times the width, each with batch norm, ReLU after the first two and after the sum with the shortcut, which is a
/// strided 1x1 conv with batch norm (<c>downsample.0</c>, <c>downsample.1</c>) where the shape changes.
/// </summary>
public sealed class HandBottleneck : nn.Module<Tensor, Tensor>
{
    /// <summary>The output's channels per unit of width.</summary>
    public const int Expansion = 4;

    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Conv2d conv3;
    private readonly BatchNorm2d bn3;
    private readonly Sequential? downsample;

    /// <summary>Creates the block from <paramref name="inputs"/> channels to <paramref name="width"/> x 4.</summary>
    public HandBottleneck(int inputs, int width, int stride) : base(nameof(HandBottleneck))
    {
        int outputs = width * Expansion;
        conv1 = nn.Conv2d(inputs, width, 1, bias: false);
        bn1 = nn.BatchNorm2d(width);
        conv2 = nn.Conv2d(width, width, 3, stride: stride, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(width);
        conv3 = nn.Conv2d(width, outputs, 1, bias: false);
        bn3 = nn.BatchNorm2d(outputs);
        if (stride != 1 || inputs != outputs)
            downsample = nn.Sequential(nn.Conv2d(inputs, outputs, 1, stride: stride, bias: false), nn.BatchNorm2d(outputs));
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        var y = nn.functional.relu(bn1.forward(conv1.forward(x)));
        y = nn.functional.relu(bn2.forward(conv2.forward(y)));
        y = bn3.forward(conv3.forward(y));
        return nn.functional.relu(y + (downsample is null ? x : downsample.forward(x)));
    }
}

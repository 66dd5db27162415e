using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Hand;

/// <summary>
/// torchvision's <c>efficientnet_b0</c> as a TorchSharp user ports it, with its state-dict names: <c>features.0</c> a
/// 3x3 stride-2 conv to 32 channels with batch norm and SiLU, <c>features.1</c>-<c>7</c> the seven MBConv stages,
/// <c>features.8</c> a 1x1 conv to 1280 with batch norm and SiLU, global average pooling, and <c>classifier</c>
/// (dropout 0.2, Linear 1280→1000) (5,288,548 parameters).
/// </summary>
public sealed class HandEfficientNetB0 : nn.Module<Tensor, Tensor>
{
    /// <summary>Each stage: expansion ratio, kernel, stride of its first block, input and output channels, blocks.</summary>
    static readonly (int Expand, int Kernel, int Stride, int Inputs, int Outputs, int Blocks)[] Stages =
    [
        (1, 3, 1, 32, 16, 1),
        (6, 3, 2, 16, 24, 2),
        (6, 5, 2, 24, 40, 2),
        (6, 3, 2, 40, 80, 3),
        (6, 5, 1, 80, 112, 3),
        (6, 5, 2, 112, 192, 4),
        (6, 3, 1, 192, 320, 1),
    ];

    private readonly Sequential features;
    private readonly Sequential classifier;

    /// <summary>Creates the network for <paramref name="classes"/> classes.</summary>
    public HandEfficientNetB0(int classes = 1000) : base(nameof(HandEfficientNetB0))
    {
        var layers = new List<nn.Module<Tensor, Tensor>> { HandMBConv.ConvBnSiLU(3, 32, 3, stride: 2) };
        foreach (var s in Stages)
        {
            layers.Add(nn.Sequential(Enumerable.Range(0, s.Blocks)
                .Select(i => (nn.Module<Tensor, Tensor>)new HandMBConv(i == 0 ? s.Inputs : s.Outputs, s.Outputs, s.Expand, s.Kernel, i == 0 ? s.Stride : 1))
                .ToArray()));
        }

        layers.Add(HandMBConv.ConvBnSiLU(320, 1280, 1));
        features = nn.Sequential(layers.ToArray());
        classifier = nn.Sequential(nn.Dropout(0.2), nn.Linear(1280, classes));
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        x = features.forward(x);                          // [B, 1280, 7, 7]
        return classifier.forward(x.mean([2, 3]));        // [B, classes]
    }
}

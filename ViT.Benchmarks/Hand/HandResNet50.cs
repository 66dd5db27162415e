using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Hand;

/// <summary>
/// torchvision's <c>resnet50</c> as a TorchSharp user ports it, with its state-dict names: a 7x7 stride-2 stem with
/// batch norm, ReLU and a 3x3 stride-2 max-pool; four stages of 3, 4, 6 and 3 bottlenecks of widths 64 to 512 (the
/// first block of stages 2-4 strided); global average pooling and a Linear 2048→1000 (25,557,032 parameters).
/// </summary>
public sealed class HandResNet50 : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly MaxPool2d maxpool;
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly Sequential layer4;
    private readonly Linear fc;

    /// <summary>Creates the network for <paramref name="classes"/> classes.</summary>
    public HandResNet50(int classes = 1000) : base(nameof(HandResNet50))
    {
        conv1 = nn.Conv2d(3, 64, 7, stride: 2, padding: 3, bias: false);
        bn1 = nn.BatchNorm2d(64);
        maxpool = nn.MaxPool2d(3, stride: 2, padding: 1);
        layer1 = Stage(64, 64, blocks: 3, stride: 1);
        layer2 = Stage(256, 128, blocks: 4, stride: 2);
        layer3 = Stage(512, 256, blocks: 6, stride: 2);
        layer4 = Stage(1024, 512, blocks: 3, stride: 2);
        fc = nn.Linear(512 * HandBottleneck.Expansion, classes);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        x = maxpool.forward(nn.functional.relu(bn1.forward(conv1.forward(x))));    // [B, 64, 56, 56]
        x = layer4.forward(layer3.forward(layer2.forward(layer1.forward(x))));     // [B, 2048, 7, 7]
        return fc.forward(x.mean([2, 3]));                                          // [B, classes]
    }

    static Sequential Stage(int inputs, int width, int blocks, int stride) => nn.Sequential(
        Enumerable.Range(0, blocks).Select(i => (nn.Module<Tensor, Tensor>)new HandBottleneck(i == 0 ? inputs : width * HandBottleneck.Expansion, width, i == 0 ? stride : 1)).ToArray());
}

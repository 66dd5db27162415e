using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Hand;

/// <summary>
/// The sample's small ResNet as a TorchSharp user writes it, torchvision-style: a stem (conv 3x3 to 16 channels, batch
/// norm, ReLU), a basic block, then twice a stride-2 conv with batch norm and ReLU that doubles the channels followed by
/// a basic block, global average pooling and a Linear 64→10. Its names are its own (stem, layer1, …); its tensors come
/// in the generated <c>ResNet</c>'s order, so weights copy across by position.
/// </summary>
public sealed class HandResNet : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly HandBasicBlock layer1;
    private readonly Conv2d down2;
    private readonly BatchNorm2d downBn2;
    private readonly HandBasicBlock layer2;
    private readonly Conv2d down3;
    private readonly BatchNorm2d downBn3;
    private readonly HandBasicBlock layer3;
    private readonly Linear fc;

    /// <summary>Creates the network.</summary>
    public HandResNet() : base(nameof(HandResNet))
    {
        conv1 = nn.Conv2d(1, 16, 3, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(16);
        layer1 = new HandBasicBlock(16);
        down2 = nn.Conv2d(16, 32, 3, stride: 2, padding: 1, bias: false);
        downBn2 = nn.BatchNorm2d(32);
        layer2 = new HandBasicBlock(32);
        down3 = nn.Conv2d(32, 64, 3, stride: 2, padding: 1, bias: false);
        downBn3 = nn.BatchNorm2d(64);
        layer3 = new HandBasicBlock(64);
        fc = nn.Linear(64, 10);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        x = layer1.forward(nn.functional.relu(bn1.forward(conv1.forward(x))));
        x = layer2.forward(nn.functional.relu(downBn2.forward(down2.forward(x))));
        x = layer3.forward(nn.functional.relu(downBn3.forward(down3.forward(x))));
        return fc.forward(x.mean([2, 3]));
    }
}

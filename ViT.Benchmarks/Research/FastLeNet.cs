using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Research;

/// <summary>
/// RESEARCH BASELINE, not the product. <see cref="Hand.HandLeNet"/> with its convolutions and Linears in the
/// autocast's type: the image is cast once, activations stay in bfloat16 through ReLU and max-pooling (both exact in
/// any type), and the logits come back float32 for the loss. Its layers are declared in the hand-written Sequential's
/// order, so weights copy across by position.
/// </summary>
public sealed class FastLeNet : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly Linear fc1;
    private readonly Linear fc2;
    private readonly Linear fc3;
    private readonly Autocast autocast;

    /// <summary>Creates the network.</summary>
    public FastLeNet(Autocast autocast) : base(nameof(FastLeNet))
    {
        conv1 = nn.Conv2d(1, 6, 5, padding: 2);
        conv2 = nn.Conv2d(6, 16, 5);
        fc1 = nn.Linear(16 * 5 * 5, 120);
        fc2 = nn.Linear(120, 84);
        fc3 = nn.Linear(84, 10);
        this.autocast = autocast;
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        x = nn.functional.max_pool2d(nn.functional.relu(autocast.Conv2d(conv1, x)), 2);
        x = nn.functional.max_pool2d(nn.functional.relu(autocast.Conv2d(conv2, x)), 2).flatten(1);
        x = nn.functional.relu(autocast.Linear(fc1, x));
        x = nn.functional.relu(autocast.Linear(fc2, x));
        return Autocast.Float(autocast.Linear(fc3, x));
    }
}

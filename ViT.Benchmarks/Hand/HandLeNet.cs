using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Hand;

/// <summary>
/// LeNet-5 as a TorchSharp user writes it, one <c>nn.Sequential</c> (children named 0, 1, …, as PyTorch's):
/// conv(6, 5, padding 2), ReLU, max-pool 2; conv(16, 5), ReLU, max-pool 2; flatten; Linear 400→120, ReLU, 120→84,
/// ReLU, 84→10. The same network as the sample's generated <c>LeNet</c> (61,706 parameters).
/// </summary>
public static class HandLeNet
{
    /// <summary>Creates the network.</summary>
    public static Sequential Create() => nn.Sequential(
        nn.Conv2d(1, 6, 5, padding: 2),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(16 * 5 * 5, 120),
        nn.ReLU(),
        nn.Linear(120, 84),
        nn.ReLU(),
        nn.Linear(84, 10));
}

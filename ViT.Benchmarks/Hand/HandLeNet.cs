using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Hand;

/// <summary>
/// A LeNet-5 style CNN for 1x28x28 images as a TorchSharp user writes it, one <c>nn.Sequential</c>:
/// conv(6, 5), ReLU, max-pool 2; conv(16, 5), ReLU, max-pool 2; Linear 256→120, ReLU, 120→84, ReLU, 84→10.
/// </summary>
public static class HandLeNet
{
    /// <summary>Creates the network (44,426 parameters).</summary>
    public static Sequential Create() => nn.Sequential(
        ("conv1", nn.Conv2d(1, 6, 5)),
        ("relu1", nn.ReLU()),
        ("pool1", nn.MaxPool2d(2)),
        ("conv2", nn.Conv2d(6, 16, 5)),
        ("relu2", nn.ReLU()),
        ("pool2", nn.MaxPool2d(2)),
        ("flatten", nn.Flatten()),
        ("fc1", nn.Linear(16 * 4 * 4, 120)),
        ("relu3", nn.ReLU()),
        ("fc2", nn.Linear(120, 84)),
        ("relu4", nn.ReLU()),
        ("fc3", nn.Linear(84, 10)));
}

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Hand;

/// <summary>
/// torchvision's EfficientNet <c>MBConv</c>: <c>block</c> is a 1x1 expansion (conv, batch norm, SiLU; absent when the
/// ratio is 1), a depthwise k x k conv with batch norm and SiLU, squeeze-excitation to a quarter of the input's
/// channels, and a 1x1 projection with batch norm; the input is added back where the shape is kept (stochastic depth
/// is the identity at evaluation and left out).
/// </summary>
public sealed class HandMBConv : nn.Module<Tensor, Tensor>
{
    private readonly Sequential block;
    private readonly bool residual;

    /// <summary>Creates the block.</summary>
    public HandMBConv(int inputs, int outputs, int expandRatio, int kernel, int stride) : base(nameof(HandMBConv))
    {
        int expanded = inputs * expandRatio;
        var layers = new List<nn.Module<Tensor, Tensor>>();
        if (expanded != inputs) layers.Add(ConvBnSiLU(inputs, expanded, 1));
        layers.Add(ConvBnSiLU(expanded, expanded, kernel, stride, groups: expanded));
        layers.Add(new HandSqueezeExcitation(expanded, Math.Max(1, inputs / 4)));
        layers.Add(nn.Sequential(nn.Conv2d(expanded, outputs, 1, bias: false), nn.BatchNorm2d(outputs)));
        block = nn.Sequential(layers.ToArray());
        residual = stride == 1 && inputs == outputs;
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x) => residual ? block.forward(x) + x : block.forward(x);

    /// <summary>torchvision's <c>Conv2dNormActivation</c> with SiLU: conv (padding (k-1)/2, no bias), batch norm, SiLU.</summary>
    public static Sequential ConvBnSiLU(int inputs, int outputs, int kernel, int stride = 1, int groups = 1) => nn.Sequential(
        nn.Conv2d(inputs, outputs, kernel, stride: stride, padding: (kernel - 1) / 2, groups: groups, bias: false),
        nn.BatchNorm2d(outputs),
        nn.SiLU());
}

using ViT.Generators.Parsing;
using ViT.Generators.Shared;

namespace ViT.Generators.Layers;

/// <summary><c>[AvgPool2d(kernel, stride)]</c>: the mean of each window (PyTorch's <c>nn.AvgPool2d</c>, padding counted as zeros).</summary>
public sealed record AvgPool2dLayer(int Kernel, int Stride, int Padding) : Pool2dLayer(Kernel, Stride, Padding)
{
    public override string AttributeName => "AvgPool2d";

    protected override string Function => "avg_pool2d";

    protected override string OnnxOperator => "AveragePool";

    public static Layer Read(AttributeArguments a)
    {
        if (a.Int("kernel") is not int kernel) return new UnreadableLayer(a.AttributeName);
        var declared = new AvgPool2dAttribute(kernel); // stride = kernel, as PyTorch's default, unless given
        return new AvgPool2dLayer(kernel, a.Int("stride") ?? declared.Stride, a.Int(nameof(AvgPool2dAttribute.Padding)) ?? declared.Padding);
    }
}

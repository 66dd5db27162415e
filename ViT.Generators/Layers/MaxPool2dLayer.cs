using ViT.Generators.Parsing;
using ViT.Generators.Shared;

namespace ViT.Generators.Layers;

/// <summary><c>[MaxPool2d(kernel, stride)]</c>: the largest value of each window (PyTorch's <c>nn.MaxPool2d</c>).</summary>
public sealed record MaxPool2dLayer(int Kernel, int Stride, int Padding) : Pool2dLayer(Kernel, Stride, Padding)
{
    public override string AttributeName => "MaxPool2d";

    protected override string Function => "max_pool2d";

    protected override string OnnxOperator => "MaxPool";

    public static Layer Read(AttributeArguments a)
    {
        if (a.Int("kernel") is not int kernel) return new UnreadableLayer(a.AttributeName);
        var declared = new MaxPool2dAttribute(kernel); // stride = kernel, as PyTorch's default, unless given
        return new MaxPool2dLayer(kernel, a.Int("stride") ?? declared.Stride, a.Int(nameof(MaxPool2dAttribute.Padding)) ?? declared.Padding);
    }
}

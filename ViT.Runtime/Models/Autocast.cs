using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ViT;

/// <summary>
/// What PyTorch's autocast does at run time, for the operations the generator decided, at compile time, to run in the
/// model's <see cref="ComputePrecision"/>: matrix products and convolutions take their inputs and float32 master
/// weights in bfloat16 (the casts are part of the graph, so the weights' gradients come back float32), and return in
/// it; <see cref="Softmax"/> and <see cref="Float"/> bring values back to float32 where the generated code needs them
/// (normalisation, the residual stream, the logits). In float32 every method is the plain operation and casts nothing,
/// so a model converted to float64 stays float64.
/// </summary>
public static class Autocast
{
    /// <summary>The type products are cast to, or null when they run in the model's own type.</summary>
    public static ScalarType? LowType(ComputePrecision precision) =>
        precision.Value == Precision.BFloat16 ? ScalarType.BFloat16 : null;

    /// <summary><paramref name="layer"/> applied to <paramref name="x"/>, in the compute type.</summary>
    public static Tensor Linear(Linear layer, Tensor x, ComputePrecision precision) =>
        LowType(precision) is { } type
            ? nn.functional.linear(In(x, type), In(layer.weight!, type), layer.bias is { } bias ? In(bias, type) : null)
            : layer.forward(x);

    /// <summary><paramref name="layer"/> applied to <paramref name="x"/>, in the compute type.</summary>
    public static Tensor Conv2d(Conv2d layer, Tensor x, ComputePrecision precision) =>
        LowType(precision) is { } type
            ? nn.functional.conv2d(In(x, type), In(layer.weight!, type), layer.bias is { } bias ? In(bias, type) : null, layer.stride, layer.padding, layer.dilation, layer.groups)
            : layer.forward(x);

    /// <summary>The matrix product <paramref name="a"/> · <paramref name="b"/>, in the compute type.</summary>
    public static Tensor MatMul(Tensor a, Tensor b, ComputePrecision precision) =>
        LowType(precision) is { } type ? In(a, type).matmul(In(b, type)) : a.matmul(b);

    /// <summary>Softmax over the last dimension, computed and returned in float32 when the scores are in a low precision.</summary>
    public static Tensor Softmax(Tensor scores) => IsLow(scores) ? scores.softmax(-1, ScalarType.Float32) : scores.softmax(-1);

    /// <summary><paramref name="x"/> back in float32 when it is in a low precision; the same tensor otherwise.</summary>
    public static Tensor Float(Tensor x) => IsLow(x) ? x.to(ScalarType.Float32) : x;

    static bool IsLow(Tensor x) => x.dtype is ScalarType.BFloat16 or ScalarType.Float16;

    static Tensor In(Tensor x, ScalarType type) => x.dtype == type ? x : x.to(type);
}

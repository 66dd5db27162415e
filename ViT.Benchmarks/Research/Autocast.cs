using TorchSharp;
using TorchSharp.Modules;
using ViT.Benchmarks.Models;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Research;

/// <summary>
/// RESEARCH BASELINE, not the product. Autocast done by hand, as a generator would write it: matrix products and
/// convolutions run in the compute type (bfloat16 or float32), the parameters stay float32 (the cast of a weight is
/// part of the graph, so its gradient comes back float32 into the optimizer), and everything else (the residual
/// stream, LayerNorm, softmax, the loss) stays float32: a bfloat16 product's result meets the float32 residual in an
/// addition, which promotes it back. With float32 every method is the plain operation, with no cast at all.
/// </summary>
public sealed class Autocast
{
    /// <summary>float32 throughout: the methods are the plain operations.</summary>
    public static Autocast Fp32 { get; } = new(BenchPrecision.Fp32);

    /// <summary>Products in bfloat16.</summary>
    public static Autocast Bf16 { get; } = new(BenchPrecision.Bf16);

    Autocast(BenchPrecision precision)
    {
        Precision = precision;
        ComputeType = precision == BenchPrecision.Bf16 ? ScalarType.BFloat16 : ScalarType.Float32;
    }

    /// <summary>The precision this autocast stands for.</summary>
    public BenchPrecision Precision { get; }

    /// <summary>The element type of products.</summary>
    public ScalarType ComputeType { get; }

    /// <summary>Whether products run in a type other than float32.</summary>
    public bool Enabled => ComputeType != ScalarType.Float32;

    /// <summary><paramref name="x"/> in the compute type (no operation if it already is).</summary>
    public Tensor In(Tensor x) => x.dtype == ComputeType ? x : x.to(ComputeType);

    /// <summary><paramref name="x"/> in float32 (no operation if it already is).</summary>
    public static Tensor Float(Tensor x) => x.dtype == ScalarType.Float32 ? x : x.to(ScalarType.Float32);

    /// <summary>A Linear layer applied in the compute type.</summary>
    public Tensor Linear(Linear layer, Tensor x) =>
        Enabled ? nn.functional.linear(In(x), In(layer.weight!), layer.bias is { } b ? In(b) : null) : layer.forward(x);

    /// <summary>A Conv2d layer applied in the compute type.</summary>
    public Tensor Conv2d(Conv2d layer, Tensor x) =>
        Enabled ? nn.functional.conv2d(In(x), In(layer.weight!), layer.bias is { } b ? In(b) : null, layer.stride, layer.padding, layer.dilation, layer.groups) : layer.forward(x);

    /// <summary>A matrix product in the compute type.</summary>
    public Tensor MatMul(Tensor a, Tensor b) => Enabled ? In(a).matmul(In(b)) : a.matmul(b);

    /// <summary>Softmax over the last dimension, in float32 whatever the input type (or in the input's type).</summary>
    public static Tensor Softmax(Tensor scores, bool inInputType = false) => inInputType ? scores.softmax(-1) : scores.softmax(-1, ScalarType.Float32);
}

using TorchSharp;
using ViT.Benchmarks.Models;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Timing;

/// <summary>
/// One matrix product <c>[m, k] x [k, n]</c> in a given precision, to time side by side with a model's steps: its
/// rate (FLOP/s) is what the machine's matrix units deliver at that moment, and the floor of a training step is the
/// step's FLOPs at that rate.
/// </summary>
public sealed class MatMulProbe : IDisposable
{
    readonly Tensor _left;
    readonly Tensor _right;

    /// <summary>Creates the operands (random, so no shortcut applies).</summary>
    public MatMulProbe(long m, long k, long n, BenchPrecision precision)
    {
        var type = precision == BenchPrecision.Bf16 ? ScalarType.BFloat16 : ScalarType.Float32;
        _left = torch.rand(m, k).to(type).DetachFromDisposeScope();
        _right = torch.rand(k, n).to(type).DetachFromDisposeScope();
        Flops = 2 * m * k * n;
        Label = $"{m}x{k}x{n}";
    }

    /// <summary>The product's floating-point operations.</summary>
    public long Flops { get; }

    /// <summary>The shape, <c>m x k x n</c>.</summary>
    public string Label { get; }

    /// <summary>Computes the product once (repeated so that one call takes at least a few milliseconds).</summary>
    public int Repeats => (int)Math.Max(1, 4e8 / Flops);

    /// <summary>Runs the product <see cref="Repeats"/> times.</summary>
    public void Run()
    {
        for (int i = 0; i < Repeats; i++)
        {
            using var product = _left.matmul(_right);
        }
    }

    /// <summary>The rate in FLOP/s, given the milliseconds one <see cref="Run"/> took.</summary>
    public double Rate(double milliseconds) => Flops * (double)Repeats / (milliseconds / 1000);

    /// <inheritdoc/>
    public void Dispose()
    {
        _left.Dispose();
        _right.Dispose();
    }
}

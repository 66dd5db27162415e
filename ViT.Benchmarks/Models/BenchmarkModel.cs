using static TorchSharp.torch;

namespace ViT.Benchmarks.Models;

/// <summary>
/// One row of the benchmark table: a sample model's generated form next to the same model written by hand.
/// Adding a model to every suite and command is one more row in <see cref="BenchmarkModels.All"/>.
/// </summary>
/// <param name="Name">The name <c>--model</c> takes.</param>
/// <param name="ForwardFlops">Floating-point operations of one forward pass per image, products only (a multiply-add is
/// 2): the generator's <c>ModelSummary.ForwardFlops</c>.</param>
/// <param name="Generated">Creates the generated model computing in the given precision.</param>
/// <param name="Hand">Creates the plain hand-written float32 model, the baseline.</param>
/// <param name="InputShape">One image, <c>[C, H, W]</c>.</param>
/// <param name="Classes">Output classes.</param>
/// <param name="ProbeShape">The model's largest matrix product per batch, <c>(m, k, n)</c>: the floor takes the
/// faster of this shape's measured rate and a 1024³ product's.</param>
/// <param name="BatchSize">Images per batch: 64 for the MNIST-sized sample models; the speed table times the zoo's
/// ImageNet-sized models at 8.</param>
public sealed record BenchmarkModel(
    string Name,
    long ForwardFlops,
    Func<BenchPrecision, nn.Module<Tensor, Tensor>> Generated,
    Func<nn.Module<Tensor, Tensor>> Hand,
    long[] InputShape,
    int Classes,
    (long M, long K, long N) ProbeShape,
    int BatchSize = 64)
{
    /// <summary>The generated model computing in <paramref name="precision"/>.</summary>
    public nn.Module<Tensor, Tensor> CreateGenerated(BenchPrecision precision) => Generated(precision);
}

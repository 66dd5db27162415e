using BenchmarkDotNet.Attributes;
using ViT.Benchmarks.Cases;

namespace ViT.Benchmarks.Suites;

/// <summary>One inference batch (64 images for the sample models) under <c>no_grad</c> in evaluation mode: generated against hand-written.</summary>
public class InferenceBenchmarks : ModelPairBenchmark
{
    /// <inheritdoc/>
    protected override void Begin(ITimedCase timed) => timed.BeginInference();

    /// <summary>The hand-written model's batch, the baseline.</summary>
    [Benchmark(Baseline = true, Description = "hand-written")]
    public void HandBatch() => Hand.InferBatch();

    /// <summary>The generated model's batch.</summary>
    [Benchmark(Description = "generated")]
    public void GeneratedBatch() => Generated.InferBatch();
}

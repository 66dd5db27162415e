using BenchmarkDotNet.Attributes;
using ViT.Benchmarks.Cases;

namespace ViT.Benchmarks.Suites;

/// <summary>One training step (forward, cross-entropy, backward, Adam) on the model's batch (64 images for the sample models): generated against hand-written.</summary>
public class TrainingStepBenchmarks : ModelPairBenchmark
{
    /// <inheritdoc/>
    protected override void Begin(ITimedCase timed) => timed.BeginTraining();

    /// <summary>The hand-written model's step, the baseline.</summary>
    [Benchmark(Baseline = true, Description = "hand-written")]
    public void HandStep() => Hand.TrainStep();

    /// <summary>The generated model's step.</summary>
    [Benchmark(Description = "generated")]
    public void GeneratedStep() => Generated.TrainStep();
}

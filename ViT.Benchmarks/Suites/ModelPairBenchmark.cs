using BenchmarkDotNet.Attributes;
using TorchSharp;
using ViT.Benchmarks.Cases;
using ViT.Benchmarks.Models;
using ViT.Benchmarks.Verification;

namespace ViT.Benchmarks.Suites;

/// <summary>
/// A model's generated and hand-written forms on the same batch (its BatchSize), for BenchmarkDotNet; one instance per
/// model name (the models that have a generated form). The hand-written model takes the generated one's weights, and
/// both must give the same logits before anything is timed. Runs in process (<see cref="TorchInProcessConfig"/>).
/// </summary>
[Config(typeof(TorchInProcessConfig))]
public abstract class ModelPairBenchmark
{
    Batch _batch = null!;

    /// <summary>Every benchmarked model: the suite's parameter.</summary>
    public static IEnumerable<string> GeneratedModels => BenchmarkModels.Names;

    /// <summary>The model measured.</summary>
    [ParamsSource(nameof(GeneratedModels))]
    public string Model { get; set; } = "";

    /// <summary>The generated model's case.</summary>
    protected ITimedCase Generated { get; private set; } = null!;

    /// <summary>The hand-written model's case.</summary>
    protected ITimedCase Hand { get; private set; } = null!;

    /// <summary>The environment variable that sets TorchSharp's intra-op threads for the suites (default: all cores).</summary>
    public const string ThreadsVariable = "VIT_BENCH_THREADS";

    /// <summary>Builds both forms, checks they agree and puts them in the mode the suite times.</summary>
    [GlobalSetup]
    public void Setup()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable(ThreadsVariable), out int threads) && threads > 0) torch.set_num_threads(threads);
        var model = BenchmarkModels.Select(Model)[0];
        _batch = new Batch(model.InputShape, model.Classes, model.BatchSize);
        torch.manual_seed(1);
        var generated = model.CreateGenerated(BenchPrecision.Fp32);
        var hand = model.Hand();
        SameFunction.Require(generated, hand, _batch.Images);
        Generated = new ModuleCase("generated", generated, _batch, StepOptions.Trainer); // the step ViT#'s trainer takes
        Hand = new ModuleCase("hand", hand, _batch);
        Begin(Generated);
        Begin(Hand);
    }

    /// <summary>Puts a case in training or evaluation mode.</summary>
    protected abstract void Begin(ITimedCase timed);

    /// <summary>Frees the models and the batch.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        Generated.Dispose();
        Hand.Dispose();
        _batch.Dispose();
    }
}

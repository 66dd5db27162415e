using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ViT.Benchmarks.Suites;

/// <summary>
/// How the model suites run: in process, because BenchmarkDotNet's generated project skips Directory.Build.targets,
/// so its own output folder would hold the unpatched libLibTorchSharp.so that Debian 12 cannot load
/// (docs/torchsharp-on-debian.md), while this project's is patched; with a 30-minute limit per benchmark instead of
/// the in-process default of 5, which a training step on a busy 2-core machine exceeds; and with the managed
/// allocations per operation (TorchSharp's tensor handles and wrappers).
/// </summary>
public sealed class TorchInProcessConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public TorchInProcessConfig()
    {
        AddJob(Job.Default
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
            .WithWarmupCount(3)
            .WithIterationCount(15)
            .WithId("InProcess"));
        AddDiagnoser(new MemoryDiagnoser(new MemoryDiagnoserConfig(displayGenColumns: false)));
    }
}

using System.Diagnostics;
using System.Text.Json;
using TorchSharp;
using ViT.Data;
using ViT.Samples.Models;
using ViT.Tests.PyTorch;
using ViT.Training;
using ViT.Weights;
using Xunit.Abstractions;

namespace ViT.Runtime.Tests.PyTorch;

/// <summary>
/// The scale-out round trip on this machine's CPUs: the sample's LeNet exports its twin and launcher, torchrun trains it
/// with DistributedDataParallel on 2 processes (gloo) for an epoch on a slice of MNIST, and ViT# loads the weights it
/// wrote strictly and measures the test accuracy PyTorch reported, to 0.01 points.
/// </summary>
public sealed class TorchrunRoundTripTests(ITestOutputHelper output) : IDisposable
{
    const string Torchrun = "/usr/bin/torchrun";

    readonly string _folder = Directory.CreateTempSubdirectory("vit-torchrun-").FullName;

    [SkippableFact]
    public void Weights_trained_by_torchrun_load_strictly_and_score_what_PyTorch_measured()
    {
        TwinCheck.SkipUnlessAvailable(File.Exists(Torchrun) ? null : $"there is no {Torchrun} (apt-get install python3-torch)");

        string twin = Path.Combine(_folder, "cnn.py"), weights = Path.Combine(_folder, "ddp.safetensors");
        torch.manual_seed(42);
        using (var exported = new LeNet()) exported.ExportPyTorch(twin);
        // --redirects/--tee: Debian's torchrun (PyTorch 1.13 on Python 3.11) fails at start without them (docs/scale-out.md).
        var clock = Stopwatch.StartNew();
        var (code, stdout, stderr) = TwinCheck.RunProcess(Torchrun, ["--redirects", "1", "--tee", "1", "--nproc_per_node=2", Path.Combine(_folder, "train_ddp.py"),
            "--twin", twin, "--data", ViT.Samples.SampleData.MnistDirectory, "--epochs", "1", "--limit", "6000", "--num-threads", "1", "--out", weights]);
        string log = stdout + stderr;
        output.WriteLine(log);
        Assert.True(code == 0, $"torchrun exited with {code}:\n{log}");
        var reported = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(weights, ".json"))).RootElement;
        double pytorchAccuracy = reported.GetProperty("test_accuracy").GetDouble();
        Assert.Equal(2, reported.GetProperty("world_size").GetInt32());

        using var model = new LeNet();
        var load = ModelWeights.Load(model, weights);
        Assert.True(load.IsExact, load.ToString());
        using var mnist = Mnist.Load(ViT.Samples.SampleData.MnistDirectory);
        var evaluation = new Trainer(new TrainerOptions { OutputDirectory = null, BatchSize = 500 }).Test(model, mnist.Test);
        output.WriteLine($"torchrun (2 processes, {clock.Elapsed.TotalSeconds:F1} s in all): PyTorch measured {pytorchAccuracy:F2}%, ViT# {evaluation.Accuracy * 100:F2}% on {evaluation.Count:N0} test images");
        Assert.Equal(10_000, evaluation.Count);
        Assert.True(Math.Abs(evaluation.Accuracy * 100 - pytorchAccuracy) <= 0.01, $"ViT# measured {evaluation.Accuracy * 100:F2}%, PyTorch {pytorchAccuracy:F2}%");
        Assert.True(pytorchAccuracy > 20, $"one epoch on 6,000 images should learn something, not {pytorchAccuracy:F2}%");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

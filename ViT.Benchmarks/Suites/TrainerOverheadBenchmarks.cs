using BenchmarkDotNet.Attributes;
using TorchSharp;
using ViT.Data;
using ViT.Samples.Models;
using ViT.Training;
using ViT.Training.Callbacks;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Suites;

/// <summary>
/// The trainer's cost over a bare loop: both train the timm configuration for the same 20 steps of 64 images
/// (same starting weights, same batches, same optimizer), so the difference is the trainer's bookkeeping, progress
/// and metrics. Each invocation starts from freshly seeded weights, so both do the same arithmetic.
/// This machine's speed drifts by up to 20% within minutes, which BenchmarkDotNet (all of one method, then all of the
/// other) reads as a difference between the methods; <see cref="PairedOverhead"/> alternates them instead.
/// Checkpoints and files are off, as they happen once per epoch, not per step.
/// In process: BenchmarkDotNet's generated project skips Directory.Build.targets, so its own output folder would hold
/// the unpatched libLibTorchSharp.so that Debian 12 cannot load (docs/torchsharp-on-debian.md); this project's is patched.
/// </summary>
[InProcess]
[MemoryDiagnoser(displayGenColumns: false)]
public class TrainerOverheadBenchmarks
{
    const int Steps = 20;
    const int BatchSize = 64;
    ImageDataset _train = null!;
    nn.Module<Tensor, Tensor> _model = null!;

    [GlobalSetup]
    public void Setup()
    {
        using var mnist = Mnist.Load(ViT.Samples.SampleData.MnistDirectory);
        _train = mnist.Train.Take(Steps * BatchSize);
    }

    [IterationSetup]
    public void FreshModel()
    {
        _model?.Dispose();
        torch.manual_seed(1);
        _model = new TimmViT();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _model.Dispose();
        _train.Dispose();
    }

    [Benchmark(Baseline = true, Description = "bare loop")]
    public double BareLoop()
    {
        using var optimizer = optim.Adam(_model.parameters(), 3e-4);
        _model.train();
        double last = 0;
        using var batches = new BatchLoader(_train, BatchSize, shuffle: true, seed: 1, prefetch: 0).Batches(epoch: 1).GetEnumerator();
        while (true)
        {
            using var scope = torch.NewDisposeScope();
            if (!batches.MoveNext()) break;
            var (images, labels) = batches.Current;
            optimizer.zero_grad();
            var logits = _model.forward(images);
            var loss = nn.functional.cross_entropy(logits, labels);
            last = loss.item<float>();
            loss.backward();
            optimizer.step();
        }
        return last;
    }

    [Benchmark(Description = "Trainer.Fit")]
    public double TrainerFit()
    {
        var trainer = new Trainer(new TrainerOptions
        {
            Epochs = 1, BatchSize = BatchSize, Seed = 1, Device = "cpu", OutputDirectory = null, Callbacks = [new PlainProgressBar(TextWriter.Null, logEveryNSteps: 50)],
        });
        return trainer.Fit(_model, _train).History[0].TrainLoss;
    }
}

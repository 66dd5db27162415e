using TorchSharp;
using ViT.Data;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Training;

/// <summary>MNIST subsets and a small classifier for trainer tests.</summary>
public sealed class TrainingFixture : IDisposable
{
    readonly Mnist _mnist = Mnist.Load(ViT.Samples.SampleData.MnistDirectory);

    public TrainingFixture()
    {
        Train = _mnist.Train.Take(2000);
        Validation = _mnist.Test.Take(1000);
    }

    public ImageDataset Train { get; }
    public ImageDataset Validation { get; }

    /// <summary>A two-layer perceptron, seeded so every test starts from the same weights.</summary>
    public static nn.Module<Tensor, Tensor> SmallModel(int seed = 1)
    {
        torch.manual_seed(seed);
        return nn.Sequential(("flatten", nn.Flatten()), ("fc1", nn.Linear(784, 64)), ("act", nn.ReLU()), ("fc2", nn.Linear(64, 10)));
    }

    public void Dispose()
    {
        Train.Dispose();
        Validation.Dispose();
        _mnist.Dispose();
    }
}

/// <summary>Collects what a trainer reports, for assertions; as a progress bar it replaces the console's.</summary>
public sealed class RecordingReporter : ViT.Training.Callbacks.ProgressBar
{
    public List<string> Messages { get; } = new();
    public List<ViT.Training.TrainingProgress> Steps { get; } = new();
    public List<ViT.Training.EpochMetrics> Epochs { get; } = new();
    protected override void ShowMessage(string message) => Messages.Add(message);
    protected override void ShowStep(ViT.Training.TrainingProgress progress, string text) => Steps.Add(progress);
    protected override void ShowEpoch(ViT.Training.EpochMetrics metrics, string text) => Epochs.Add(metrics);
    public List<(string Activity, int Done, int Total)> Evaluations { get; } = new();
    protected override void ShowEvaluation(string activity, int done, int total) => Evaluations.Add((activity, done, total));
}

/// <summary>Test options that report to a <see cref="RecordingReporter"/> instead of the console.</summary>
public static class RecordingOptions
{
    public static ViT.Training.TrainerOptions ReportingTo(this ViT.Training.TrainerOptions options, RecordingReporter reporter) =>
        options with { Callbacks = [.. options.Callbacks, reporter] };
}

using ViT.Training.Metrics;

namespace ViT.Training;

/// <summary>A snapshot of the epoch in progress, as the progress bar shows it.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Epochs">Epochs in the run.</param>
/// <param name="Step">Steps done in this epoch.</param>
/// <param name="Steps">Steps in this epoch.</param>
/// <param name="Values">The epoch's running training values so far (<c>train_loss</c>, <c>train_acc</c>, …), as last read; empty before the epoch's first read.</param>
/// <param name="ImagesPerSecond">Throughput of the epoch so far.</param>
/// <param name="Remaining">Estimated time to the end of the epoch.</param>
public sealed record TrainingProgress(int Epoch, int Epochs, int Step, int Steps, IReadOnlyDictionary<string, double> Values, double ImagesPerSecond, TimeSpan Remaining)
{
    /// <summary>Mean loss of the epoch so far; NaN before the first read.</summary>
    public double RunningLoss => Values.GetValueOrDefault(MetricNames.TrainLoss, double.NaN);

    /// <summary>Training accuracy of the epoch so far; NaN before the first read or without an accuracy metric.</summary>
    public double RunningAccuracy => Values.GetValueOrDefault(MetricNames.TrainAccuracy, double.NaN);
}

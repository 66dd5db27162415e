namespace ViT.Training;

/// <summary>
/// The training position a checkpoint records, stored as JSON beside the weights: enough to continue
/// exactly where training stopped.
/// </summary>
/// <param name="Epoch">1-based epoch in progress (or just finished).</param>
/// <param name="StepsDoneInEpoch">Steps of <paramref name="Epoch"/> already trained; the epoch's step count when it finished.</param>
/// <param name="EpochFinished">Whether <paramref name="Epoch"/> (with its validation) is complete.</param>
/// <param name="MetricSums">Each metric's sums over the epoch's training steps so far (see <see cref="Metrics.Metric.Update"/>), in the order of <see cref="CheckpointOptions.Metrics"/>.</param>
/// <param name="SeenSum">Training images of the epoch so far.</param>
/// <param name="EpochSeconds">Training seconds spent on the epoch so far.</param>
/// <param name="History">Metrics of the finished epochs.</param>
/// <param name="RandomState">TorchSharp's CPU generator state, so dropout and later draws continue the same sequence.</param>
/// <param name="Options">The options of the run that wrote the checkpoint, for the record.</param>
/// <param name="FormatVersion">2 since metrics became named values; 1 (absent) in older checkpoints, whose weights still load but which cannot be resumed.</param>
/// <param name="Data">The training data it was written on; null in checkpoints of earlier versions.</param>
public sealed record CheckpointState(
    int Epoch,
    int StepsDoneInEpoch,
    bool EpochFinished,
    IReadOnlyList<double[]> MetricSums,
    long SeenSum,
    double EpochSeconds,
    IReadOnlyList<EpochMetrics> History,
    byte[] RandomState,
    CheckpointOptions Options,
    int FormatVersion = 1,
    CheckpointData? Data = null)
{
    /// <summary>The format this version writes.</summary>
    public const int CurrentFormatVersion = 2;
}

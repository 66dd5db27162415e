namespace ViT.Training;

/// <summary>
/// The training position a checkpoint records, stored as JSON beside the weights: enough to continue
/// exactly where training stopped.
/// </summary>
/// <param name="Epoch">1-based epoch in progress (or just finished).</param>
/// <param name="StepsDoneInEpoch">Steps of <paramref name="Epoch"/> already trained; the epoch's step count when it finished.</param>
/// <param name="EpochFinished">Whether <paramref name="Epoch"/> (with its validation) is complete.</param>
/// <param name="LossSum">Sum of the batch losses of the epoch so far, each weighted by its batch size.</param>
/// <param name="CorrectSum">Correct training predictions in the epoch so far.</param>
/// <param name="SeenSum">Training images of the epoch so far.</param>
/// <param name="EpochSeconds">Training seconds spent on the epoch so far.</param>
/// <param name="History">Metrics of the finished epochs.</param>
/// <param name="RandomState">TorchSharp's CPU generator state, so dropout and later draws continue the same sequence.</param>
/// <param name="Options">The options of the run that wrote the checkpoint, for the record.</param>
/// <param name="Data">The training data it was written on; null in checkpoints of earlier versions.</param>
public sealed record CheckpointState(
    int Epoch,
    int StepsDoneInEpoch,
    bool EpochFinished,
    double LossSum,
    long CorrectSum,
    long SeenSum,
    double EpochSeconds,
    IReadOnlyList<EpochMetrics> History,
    byte[] RandomState,
    CheckpointOptions Options,
    CheckpointData? Data = null);

/// <summary>The serialisable part of <see cref="TrainerOptions"/>; <c>Schedule</c> is absent (Constant) in older checkpoints.</summary>
public sealed record CheckpointOptions(int Epochs, int BatchSize, double LearningRate, int Seed, string Device,
    LearningRateSchedule Schedule = LearningRateSchedule.Constant);

namespace ViT.Training;

/// <summary>
/// Thrown by <see cref="Trainer.Fit"/> when its cancellation token fires (Ctrl+C in the sample): training stopped after
/// the step in progress and the checkpoint callbacks saved where it stood.
/// </summary>
public sealed class TrainingInterruptedException : OperationCanceledException
{
    /// <summary>Creates the exception with where training stopped and the checkpoint to resume from.</summary>
    public TrainingInterruptedException(int epoch, int stepsDoneInEpoch, string? checkpoint)
        : base($"Training stopped at epoch {epoch} after {stepsDoneInEpoch} steps of it. " +
               (checkpoint is null ? "No checkpoint was written (no output folder)." : $"Resumable checkpoint: {checkpoint}."))
    {
        Epoch = epoch;
        StepsDoneInEpoch = stepsDoneInEpoch;
        Checkpoint = checkpoint;
    }

    /// <summary>The 1-based epoch in progress.</summary>
    public int Epoch { get; }

    /// <summary>Steps of <see cref="Epoch"/> trained before stopping.</summary>
    public int StepsDoneInEpoch { get; }

    /// <summary>The checkpoint saved on the way out; null when nothing was saved.</summary>
    public string? Checkpoint { get; }
}

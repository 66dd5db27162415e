namespace ViT.Training;

/// <summary>Thrown when the loss becomes NaN or infinite; the last good checkpoint is left in place.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception with where it happened and what was kept.</summary>
    public TrainingDivergedException(int epoch, int step, double loss, string? lastGoodCheckpoint)
        : this($"the loss is {loss} at epoch {epoch}, step {step}", epoch, step, loss, lastGoodCheckpoint)
    {
    }

    TrainingDivergedException(string what, int epoch, int step, double loss, string? lastGoodCheckpoint)
        : base($"Training diverged: {what}. " +
               (lastGoodCheckpoint is null ? "No checkpoint was written yet. " : $"The last good checkpoint is kept at {lastGoodCheckpoint}. ") +
               "Lower the learning rate or check the data for NaN values.")
    {
        Epoch = epoch;
        Step = step;
        Loss = loss;
    }

    /// <summary>1-based epoch of the bad step.</summary>
    public int Epoch { get; }

    /// <summary>The validation after <paramref name="epoch"/> gave a loss that is not finite; the epoch is not saved.</summary>
    public static TrainingDivergedException InValidation(int epoch, double loss, string? lastGoodCheckpoint) =>
        new($"the validation loss is {loss} after epoch {epoch}", epoch, 0, loss, lastGoodCheckpoint);

    /// <summary>1-based step within the epoch; 0 when the validation loss diverged.</summary>
    public int Step { get; }

    /// <summary>The loss value that stopped training.</summary>
    public double Loss { get; }
}

namespace ViT.Training.Callbacks;

/// <summary>
/// What one training step did, handed to <see cref="TrainerCallback.OnStepEnd"/>. Its position is known at once; its
/// loss and correct count stay on the device until read: the trainer reads the steps since its last read together
/// once per <see cref="TrainerOptions.LogEveryNSteps"/>, and reading <see cref="Loss"/>, <see cref="Correct"/> or
/// <see cref="Progress"/> earlier makes it read then (a host synchronisation, which on a GPU waits for the queued work:
/// read them at an interval, as <see cref="TensorBoardLogger"/> does).
/// </summary>
public sealed class StepResult
{
    readonly Action _read;
    double _loss;
    long _correct;
    TrainingProgress? _progress;

    internal StepResult(long globalStep, int epoch, int step, int steps, int size, double learningRate, long seenInEpoch, double epochSeconds, Action read)
    {
        GlobalStep = globalStep;
        Epoch = epoch;
        Step = step;
        Steps = steps;
        Size = size;
        LearningRate = learningRate;
        SeenInEpoch = seenInEpoch;
        EpochSeconds = epochSeconds;
        _read = read;
    }

    /// <summary>1-based step number over the whole run, counting the epochs before a resume.</summary>
    public long GlobalStep { get; }

    /// <summary>The 1-based epoch.</summary>
    public int Epoch { get; }

    /// <summary>The 1-based step within the epoch.</summary>
    public int Step { get; }

    /// <summary>Steps in the epoch.</summary>
    public int Steps { get; }

    /// <summary>Examples in the batch.</summary>
    public int Size { get; }

    /// <summary>The rate of the optimizer's first parameter group for this step.</summary>
    public double LearningRate { get; }

    /// <summary>The batch's mean loss.</summary>
    public double Loss => Read()._loss;

    /// <summary>Examples of the batch the objective counted as right.</summary>
    public long Correct => Read()._correct;

    /// <summary>The epoch's running figures up to this step, as the progress display shows them.</summary>
    public TrainingProgress Progress => Read()._progress!;

    /// <summary>Whether the trainer has read this step's numbers.</summary>
    public bool IsRead => _progress is not null;

    /// <summary>Examples the epoch has trained on up to this step, counting those before a resume.</summary>
    internal long SeenInEpoch { get; }

    /// <summary>Seconds the epoch has taken up to this step.</summary>
    internal double EpochSeconds { get; }

    internal void Record(double loss, long correct, TrainingProgress progress) => (_loss, _correct, _progress) = (loss, correct, progress);

    StepResult Read()
    {
        if (!IsRead) _read();
        return IsRead ? this : throw new InvalidOperationException($"Step {Step} of epoch {Epoch} was never read; its numbers were lost with the fit.");
    }
}

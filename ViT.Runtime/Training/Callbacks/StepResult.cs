using ViT.Training.Metrics;

namespace ViT.Training.Callbacks;

/// <summary>
/// What one training step did, handed to <see cref="TrainerCallback.OnStepEnd"/>. Its position is known at once; its
/// values stay on the device until read: the trainer reads the steps since its last read together once per
/// <see cref="TrainerOptions.LogEveryNSteps"/>, and reading <see cref="Values"/>, <see cref="Loss"/> or
/// <see cref="Progress"/> earlier makes it read then (a host synchronisation, which on a GPU waits for the queued work:
/// read them at an interval, or use <see cref="LastRead"/>, which never reads).
/// </summary>
public sealed class StepResult
{
    readonly Action _read;
    IReadOnlyDictionary<string, double>? _values;
    TrainingProgress? _progress;

    internal StepResult(long globalStep, int epoch, int step, int steps, int size, double learningRate, bool isUpdate, long seenInEpoch,
        double epochSeconds, TrainingProgress lastRead, Action read)
    {
        GlobalStep = globalStep;
        Epoch = epoch;
        Step = step;
        Steps = steps;
        Size = size;
        LearningRate = learningRate;
        IsUpdate = isUpdate;
        SeenInEpoch = seenInEpoch;
        EpochSeconds = epochSeconds;
        LastRead = lastRead;
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

    /// <summary>Whether the optimizer stepped after this batch (always, unless gradients are accumulated over several).</summary>
    public bool IsUpdate { get; }

    /// <summary>The batch's training values (<c>train_loss</c>, <c>train_acc</c>, …).</summary>
    public IReadOnlyDictionary<string, double> Values => Read()._values!;

    /// <summary>The batch's mean loss.</summary>
    public double Loss => Values[MetricNames.TrainLoss];

    /// <summary>The epoch's running figures up to this step, as the progress display shows them.</summary>
    public TrainingProgress Progress => Read()._progress!;

    /// <summary>The epoch's figures as last read at or before this step: never waits for the device (the progress bar shows these).</summary>
    public TrainingProgress LastRead { get; private set; }

    /// <summary>Whether the trainer has read this step's numbers.</summary>
    public bool IsRead => _progress is not null;

    /// <summary>Examples the epoch has trained on up to this step, counting those before a resume.</summary>
    internal long SeenInEpoch { get; }

    /// <summary>Seconds the epoch has taken up to this step.</summary>
    internal double EpochSeconds { get; }

    internal void Record(IReadOnlyDictionary<string, double> values, TrainingProgress progress) =>
        (_values, _progress, LastRead) = (values, progress, progress);

    StepResult Read()
    {
        if (!IsRead) _read();
        return IsRead ? this : throw new InvalidOperationException($"Step {Step} of epoch {Epoch} was never read; its numbers were lost with the fit.");
    }
}

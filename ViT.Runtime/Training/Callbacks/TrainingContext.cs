using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ViT.Training.Callbacks;

/// <summary>
/// The fit in progress, as callbacks see it: the model, the optimizer, the history so far, where training stands, a way to
/// stop early, and a way to save a checkpoint of exactly this moment.
/// </summary>
public sealed class TrainingContext
{
    readonly IReadOnlyList<TrainerCallback> _callbacks;
    readonly IProgressReporter _reporter;
    readonly List<EpochMetrics> _history;

    internal TrainingContext(Trainer trainer, nn.Module<Tensor, Tensor> model, OptimizerHelper optimizer, int stepsPerEpoch,
        EpochStart start, string? resumedFrom, IReadOnlyList<TrainerCallback> callbacks, IProgressReporter reporter)
    {
        Trainer = trainer;
        Model = model;
        Optimizer = optimizer;
        StepsPerEpoch = stepsPerEpoch;
        Position = start;
        ResumedFrom = resumedFrom;
        _history = start.History.ToList();
        _callbacks = callbacks;
        _reporter = reporter;
    }

    /// <summary>The trainer running the fit (its options, device and callbacks).</summary>
    public Trainer Trainer { get; }

    /// <summary>The model being trained.</summary>
    public nn.Module<Tensor, Tensor> Model { get; }

    /// <summary>The optimizer stepping it.</summary>
    public OptimizerHelper Optimizer { get; }

    /// <summary>Training steps in every epoch.</summary>
    public int StepsPerEpoch { get; }

    /// <summary>The checkpoint this fit resumed from; null when it started from scratch.</summary>
    public string? ResumedFrom { get; }

    /// <summary>Metrics of the finished epochs, including those before a resume.</summary>
    public IReadOnlyList<EpochMetrics> History => _history;

    /// <summary>The 1-based epoch in progress (or just finished).</summary>
    public int Epoch => Position.Epoch;

    /// <summary>Steps done over the whole run, counting the epochs before a resume.</summary>
    public long GlobalStep => (Position.Epoch - 1L) * StepsPerEpoch + Position.StepsDone;

    /// <summary>Whether a callback asked to stop; training then ends after the current epoch.</summary>
    public bool StopRequested => StopReason is not null;

    /// <summary>Why training is stopping early, as the callback that asked said it.</summary>
    public string? StopReason { get; private set; }

    /// <summary>The last checkpoint written during this fit; null before the first.</summary>
    public string? LastCheckpoint { get; private set; }

    /// <summary>Ends training after the current epoch (its validation, metrics and checkpoint included); the first reason wins.</summary>
    public void RequestStop(string reason) => StopReason ??= reason;

    /// <summary>Shows a line to the user through the trainer's progress reporter.</summary>
    public void Report(string message) => _reporter.Message(message);

    /// <summary>
    /// Writes a checkpoint of this moment (weights, optimizer state, position, history, random state) atomically to
    /// <paramref name="path"/>, then tells every callback with <see cref="TrainerCallback.OnCheckpoint"/>.
    /// </summary>
    public void SaveCheckpoint(string path) => SaveCheckpoint(path, writeHook: null);

    internal void SaveCheckpoint(string path, Func<Stream, Stream>? writeHook)
    {
        ReadPending?.Invoke(); // the epoch's sums up to this step
        var state = Position.ToState(Position.Epoch, EpochFinished, EpochSeconds, _history, Trainer.Options, Trainer.Device, Data);
        CheckpointFile.Save(path, Model, Optimizer, state, writeHook);
        LastCheckpoint = path;
        foreach (var callback in _callbacks) callback.OnCheckpoint(this, path, state);
    }

    /// <summary>Where the epoch stands: its running sums and steps done; the trainer moves it on after every step.</summary>
    internal EpochStart Position { get; set; }

    /// <summary>Reads the steps whose numbers are still on the device into <see cref="Position"/>; null between epochs.</summary>
    internal Action? ReadPending { get; set; }

    /// <summary>The training data, as checkpoints record it for a resume to check.</summary>
    internal CheckpointData? Data { get; set; }

    /// <summary>Whether <see cref="Position"/> is a finished epoch (validated and added to the history).</summary>
    internal bool EpochFinished { get; set; }

    /// <summary>Training seconds spent on the epoch so far, for the checkpoint.</summary>
    internal double EpochSeconds { get; set; }

    internal void AddEpoch(EpochMetrics metrics) => _history.Add(metrics);
}

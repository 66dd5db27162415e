using TorchSharp.Modules;
using ViT.Data;
using ViT.Training.Metrics;
using static TorchSharp.torch;

namespace ViT.Training.Callbacks;

/// <summary>
/// The fit in progress, as callbacks see it: the model, the optimizer, the metrics, the history so far, where training
/// stands, a way to log a value, to stop early, and to save a checkpoint of exactly this moment.
/// </summary>
public sealed class TrainingContext
{
    readonly List<EpochMetrics> _history;
    readonly OrderedDictionary<string, double> _stepLog = new(StringComparer.Ordinal);
    readonly OrderedDictionary<string, double> _epochLog = new(StringComparer.Ordinal);

    internal TrainingContext(Trainer trainer, nn.Module<Tensor, Tensor> model, OptimizerHelper optimizer, IReadOnlyList<Metric> metrics,
        int stepsPerEpoch, IImageSource? validation, EpochStart start, string? resumedFrom)
    {
        Trainer = trainer;
        Model = model;
        Optimizer = optimizer;
        Metrics = metrics;
        StepsPerEpoch = stepsPerEpoch;
        Validation = validation;
        Position = start;
        ResumedFrom = resumedFrom;
        _history = start.History.ToList();
    }

    /// <summary>The trainer running the fit (its options, device and callbacks).</summary>
    public Trainer Trainer { get; }

    /// <summary>The model being trained.</summary>
    public nn.Module<Tensor, Tensor> Model { get; }

    /// <summary>The optimizer stepping it.</summary>
    public OptimizerHelper Optimizer { get; }

    /// <summary>The metrics measured while training and validating, the loss first.</summary>
    public IReadOnlyList<Metric> Metrics { get; }

    /// <summary>Training steps in every epoch.</summary>
    public int StepsPerEpoch { get; }

    /// <summary>The validation set; null when the fit has none.</summary>
    public IImageSource? Validation { get; }

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

    /// <summary>Shows a line to the user (through the progress bar, <see cref="TrainerCallback.OnReport"/>).</summary>
    public void Report(string message) => Trainer.Report(message);

    /// <summary>
    /// Logs a named value (<see cref="MetricNames"/>), as Lightning's <c>self.log</c>: during an epoch's steps it goes
    /// out with the next logging point (<see cref="TrainerCallback.OnLog"/>); after them (in
    /// <see cref="TrainerCallback.OnTrainEpochEnd"/> or <see cref="TrainerCallback.OnValidationEnd"/>) it joins the epoch's
    /// row, which the CSV, the charts, the progress bar, TensorBoard and checkpoints show. A later value of the same name
    /// replaces an earlier one.
    /// </summary>
    public void Log(string name, double value)
    {
        MetricNames.RequireValid(name);
        (EpochFinished || StepsFinished ? _epochLog : _stepLog)[name] = value;
    }

    /// <summary>
    /// Writes a checkpoint of this moment (weights, optimizer state, position, history, random state, the state of
    /// callbacks that keep one) atomically to <paramref name="path"/>, then tells every callback with
    /// <see cref="TrainerCallback.OnCheckpoint"/>. Refused in the middle of an accumulated update, whose gradients a
    /// checkpoint does not hold.
    /// </summary>
    public void SaveCheckpoint(string path) => SaveCheckpoint(path, writeHook: null);

    internal void SaveCheckpoint(string path, Func<Stream, Stream>? writeHook)
    {
        if (!AtUpdateBoundary)
            throw new InvalidOperationException($"A checkpoint at step {Position.StepsDone} of epoch {Epoch} would lose the gradients accumulated since the last update; "
                + $"save after an update (StepResult.IsUpdate), every {Trainer.Options.AccumulateGradientBatches} steps.");
        ReadPending?.Invoke(); // the epoch's sums up to this step
        var state = Position.ToState(Position.Epoch, EpochFinished, EpochSeconds, _history, CheckpointOptions, Data);
        CheckpointFile.Save(path, Model, Optimizer, state, Trainer.Callbacks.OfType<ICheckpointedCallback>(), writeHook);
        LastCheckpoint = path;
        foreach (var callback in Trainer.Callbacks) callback.OnCheckpoint(this, path, state);
    }

    /// <summary>Where the epoch stands: its running sums and steps done; the trainer moves it on after every step.</summary>
    internal EpochStart Position { get; set; }

    /// <summary>Reads the steps whose numbers are still on the device into <see cref="Position"/>; null between epochs.</summary>
    internal Action? ReadPending { get; set; }

    /// <summary>The training data, as checkpoints record it for a resume to check.</summary>
    internal CheckpointData? Data { get; set; }

    /// <summary>Whether <see cref="Position"/> is a finished epoch (validated and added to the history).</summary>
    internal bool EpochFinished { get; set; }

    /// <summary>Whether the epoch's steps are done (it is being validated or finished).</summary>
    internal bool StepsFinished { get; set; }

    /// <summary>Whether the optimizer has stepped on every gradient computed so far.</summary>
    internal bool AtUpdateBoundary { get; set; } = true;

    /// <summary>Training seconds spent on the epoch so far, for the checkpoint.</summary>
    internal double EpochSeconds { get; set; }

    /// <summary>The options a checkpoint records.</summary>
    internal CheckpointOptions CheckpointOptions { get; init; } = null!;

    /// <summary>The values logged since the last logging point; cleared.</summary>
    internal IReadOnlyDictionary<string, double> TakeStepLog() => Take(_stepLog);

    /// <summary>The values logged for the epoch's row; cleared.</summary>
    internal IReadOnlyDictionary<string, double> TakeEpochLog() => Take(_epochLog);

    internal void AddEpoch(EpochMetrics metrics) => _history.Add(metrics);

    static IReadOnlyDictionary<string, double> Take(OrderedDictionary<string, double> log)
    {
        var taken = new OrderedDictionary<string, double>(log, StringComparer.Ordinal);
        log.Clear();
        return taken;
    }
}

using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using ViT.Data;
using ViT.IO;
using ViT.Training.Callbacks;
using ViT.Training.Metrics;
using static TorchSharp.torch;

namespace ViT.Training;

/// <summary>
/// One <see cref="Trainer.Fit"/>: an epoch loop (<see cref="Run"/>, <see cref="RunEpoch"/>) around a step
/// (<see cref="Step"/>, <see cref="TrainStep"/>). Everything around the loop happens in callbacks; the loop's own state
/// is where the epoch stands (<see cref="TrainingContext.Position"/>) and the steps whose sums are still on the device.
/// </summary>
internal sealed class FitLoop : IDisposable
{
    readonly Trainer _trainer;
    readonly OutputFolderLock? _outputLock;
    readonly nn.Module<Tensor, Tensor> _model;
    readonly IImageSource? _validation;
    readonly CancellationToken _cancellation;
    readonly BatchLoader _loader;
    readonly MetricSet _metrics;
    readonly FlatParameters? _flat;
    readonly OptimizerHelper _optimizer;
    readonly double[] _baseRates;
    readonly PendingSteps _pending;
    readonly TrainingContext _context;
    MetricSums _window = MetricSums.None;
    IReadOnlyDictionary<string, double> _lastRead = new Dictionary<string, double>();
    long _seenInEpoch, _imagesTrained;
    double _trainingSeconds;

    public FitLoop(Trainer trainer, nn.Module<Tensor, Tensor> model, IImageSource train, IImageSource? validation, CancellationToken cancellation)
    {
        _trainer = trainer;
        _model = model;
        _validation = validation;
        _cancellation = cancellation;
        _metrics = new MetricSet(Options.Metrics);
        _pending = new PendingSteps(_metrics);
        try
        {
            // One run per output folder: a second one is refused before it reads or writes anything there.
            _outputLock = Options.OutputDirectory is string folder ? OutputFolderLock.Acquire(folder, trainer.Report) : null;
            _loader = new BatchLoader(train, Options.BatchSize, shuffle: true, Options.Seed, Options.Transforms, trainer.Prefetch);
            DataModelCheck.Require(model, _loader);
            if (validation is not null) DataModelCheck.Require(model, trainer.EvaluationLoader(validation));
            model.to(trainer.Device);
            BatchMemoryCheck.Require(model, _loader.ImageShape, Math.Min(Options.BatchSize, train.Count), trainer.Device, Options.AvailableMemoryBytes);
            // The default Adam steps one flat buffer (FlatParameters); an optimizer of the user's sees the parameters as they are.
            _flat = Options.Optimizer is null ? FlatParameters.TryCreate(model) : null;
            _optimizer = Options.Optimizer?.Invoke(model) ?? optim.Adam(_flat is null ? model.parameters() : [_flat.Flat], Options.LearningRate);
            // The schedule scales the rates the optimizer was built with; a checkpoint restores the last scaled ones.
            _baseRates = _optimizer.ParamGroups.Select(group => group.LearningRate).ToArray();
            var data = DataFingerprint.Of(train, Options.Transforms);
            var (start, resumedFrom) = StartOrResume(data);
            _context = new TrainingContext(trainer, model, _optimizer, _metrics.Metrics, Steps, validation, start, resumedFrom)
            {
                Data = data,
                CheckpointOptions = new CheckpointOptions(Options.Epochs, Options.BatchSize, Options.LearningRate, Options.Seed, trainer.Device.ToString(),
                    Options.Schedule.Description, _metrics.Names, Options.AccumulateGradientBatches),
            };
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    TrainerOptions Options => _trainer.Options;

    int Steps => _loader.BatchCount;

    /// <summary>The epochs from where the run starts (or resumes) until the last, or until a callback asks to stop.</summary>
    public FitResult Run()
    {
        _trainer.Raise(callback => callback.OnFitStart(_context));
        var start = _context.Position;
        for (int epoch = start.Epoch; epoch <= Options.Epochs && !_context.StopRequested; epoch++)
            RunEpoch(epoch == start.Epoch ? start : EpochStart.Fresh(epoch));

        var result = new FitResult(_context.History.ToArray(), _trainingSeconds, _imagesTrained);
        _trainer.Raise(callback => callback.OnFitEnd(_context, result));
        return result;
    }

    /// <summary>The epoch's remaining steps, then its validation and its row of metrics.</summary>
    void RunEpoch(EpochStart start)
    {
        int epoch = start.Epoch;
        _context.Position = start;
        _context.EpochFinished = _context.StepsFinished = false;
        _seenInEpoch = start.Seen;
        _lastRead = _metrics.Values(start.Sums, MetricNames.TrainPrefix);
        var clock = Stopwatch.StartNew();
        _context.ReadPending = ReadPending;
        Freezing.Train(_model);
        _trainer.Raise(callback => callback.OnEpochStart(_context, epoch));
        // A resumed epoch skips the batches the checkpoint trained on; the rest are the ones an uninterrupted run sees.
        using (var batches = _loader.Batches(epoch, skip: start.StepsDone).GetEnumerator())
        {
            for (int step = start.StepsDone + 1; step <= Steps; step++)
            {
                using var scope = torch.NewDisposeScope();
                batches.MoveNext();
                if (_cancellation.IsCancellationRequested && _context.AtUpdateBoundary) throw Interrupt(start.SecondsBefore + clock.Elapsed.TotalSeconds);
                Step(epoch, step, batches.Current.Images, batches.Current.Labels, clock);
            }
        }
        _context.ReadPending = null;
        _trainingSeconds += clock.Elapsed.TotalSeconds;
        _context.EpochSeconds = start.SecondsBefore + clock.Elapsed.TotalSeconds;
        _context.StepsFinished = true;
        _trainer.Raise(callback => callback.OnTrainEpochEnd(_context, epoch));

        var validation = Validate();
        if (validation is not null) _trainer.Raise(callback => callback.OnValidationEnd(_context, epoch, validation));
        var row = Row(epoch, validation);
        _context.AddEpoch(row);
        _context.EpochFinished = true;
        _trainer.Raise(callback => callback.OnEpochEnd(_context, row));
        if (_context.StopRequested) _trainer.Report($"Stopping after epoch {epoch}: {_context.StopReason}");
        if (_cancellation.IsCancellationRequested && epoch < Options.Epochs && !_context.StopRequested)
            throw new TrainingInterruptedException(epoch, Steps, _context.LastCheckpoint);
    }

    /// <summary>One step: the rate, the update, the bookkeeping, a read at logging points, the callbacks.</summary>
    void Step(int epoch, int step, Tensor images, Tensor labels, Stopwatch clock)
    {
        _trainer.Raise(callback => callback.OnStepStart(_context, epoch, step));
        long globalStep = (epoch - 1L) * Steps + step;
        double rate = SetLearningRate(globalStep - 1);
        var (sums, isUpdate) = TrainStep(epoch, step, images, labels);

        int size = (int)labels.shape[0];
        _seenInEpoch += size;
        _imagesTrained += size;
        double seconds = clock.Elapsed.TotalSeconds;
        var result = new StepResult(globalStep, epoch, step, Steps, size, rate, isUpdate, _seenInEpoch, seconds,
            Progress(epoch, step, _seenInEpoch, _lastRead, seconds), ReadPending);
        _pending.Add(result, sums);
        _context.Position = _context.Position with { StepsDone = step };
        _context.EpochSeconds = _context.Position.SecondsBefore + seconds;
        _context.AtUpdateBoundary = isUpdate;
        // The one host synchronisation: once per logging interval, and at the epoch's end for its sums.
        bool logPoint = globalStep % Options.LogEveryNSteps == 0;
        if (logPoint || step == Steps) ReadPending();
        _trainer.Raise(callback => callback.OnStepEnd(_context, result));
        if (logPoint) Log(globalStep, epoch);
    }

    /// <summary>
    /// Forward, loss and backward on one batch (mixed first when <see cref="TrainerOptions.BatchTransform"/> asks), and
    /// the optimizer's update when the batch ends an accumulation; the metric sums stay on the device.
    /// </summary>
    (Tensor Sums, bool IsUpdate) TrainStep(int epoch, int step, Tensor images, Tensor labels)
    {
        // Updates take AccumulateGradientBatches steps each, counted from the epoch's first; the last takes what is left.
        int accumulate = Options.AccumulateGradientBatches;
        int first = (step - 1) / accumulate * accumulate + 1, last = Math.Min(first + accumulate - 1, Steps);
        if (step == first) ZeroGrad();

        var mixed = Options.BatchTransform?.Apply(images, labels, new BatchContext(Options.Seed, epoch, step)).To(_trainer.Device);
        var output = _model.forward(mixed?.Images ?? images.to(_trainer.Device));
        var hardLabels = mixed?.DominantLabels() ?? labels.to(_trainer.Device);
        var loss = Options.Objective.Loss(output, mixed?.Targets(output.shape[1]) ?? hardLabels);
        (last == first ? loss : loss / (last - first + 1)).backward();
        if (step == last)
        {
            if (Options.GradientClipNorm is double maxNorm) GradientClipping.ClipByNorm(Gradients(), maxNorm);
            _optimizer.step();
        }
        using var noGrad = torch.no_grad();
        return (_metrics.Update(new MetricBatch(output.detach(), hardLabels, loss.detach())), step == last);
    }

    /// <summary>Folds the pending steps into the epoch's sums in step order; a non-finite loss ends the fit at its step.</summary>
    void ReadPending()
    {
        foreach (var (done, sums) in _pending.Read())
        {
            double loss = MetricSet.MeanLossOf(sums);
            if (!double.IsFinite(loss))
                throw new TrainingDivergedException(done.Epoch, done.Step, loss, _context.LastCheckpoint ?? ExistingCheckpoint());
            var position = _context.Position with { Sums = _context.Position.Sums.Plus(sums), Seen = done.SeenInEpoch };
            _context.Position = position;
            _window = _window.Plus(sums);
            _lastRead = _metrics.Values(position.Sums, MetricNames.TrainPrefix);
            done.Record(_metrics.Values(sums, MetricNames.TrainPrefix), Progress(done.Epoch, done.Step, done.SeenInEpoch, _lastRead, done.EpochSeconds));
        }
    }

    /// <summary>The training metrics over the interval that ends at <paramref name="globalStep"/>, the epoch, and what callbacks logged in it.</summary>
    void Log(long globalStep, int epoch)
    {
        var values = new OrderedDictionary<string, double>(_metrics.Values(_window, MetricNames.TrainPrefix), StringComparer.Ordinal)
        {
            [MetricNames.Epoch] = epoch - 1,
        };
        foreach (var (name, value) in _context.TakeStepLog()) values[name] = value;
        _window = MetricSums.None;
        _trainer.Raise(callback => callback.OnLog(_context, globalStep, values));
    }

    /// <summary>
    /// The epoch's validation; cancelled midway, it saves the epoch as trained but not validated (a resume validates it).
    /// A loss that is not finite is divergence, as in training: nothing of the epoch is saved.
    /// </summary>
    Evaluation? Validate()
    {
        if (_validation is null) return null;
        try
        {
            var evaluation = _trainer.Evaluate(_model, _validation, "Validating", _cancellation);
            return double.IsFinite(evaluation.Loss) ? evaluation
                : throw TrainingDivergedException.InValidation(_context.Epoch, evaluation.Loss, _context.LastCheckpoint ?? ExistingCheckpoint());
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            throw Interrupt(_context.EpochSeconds);
        }
    }

    /// <summary>The epoch's row: training values, validation values, then the values callbacks logged for it.</summary>
    EpochMetrics Row(int epoch, Evaluation? validation)
    {
        var position = _context.Position;
        var values = new OrderedDictionary<string, double>(_metrics.Values(position.Sums, MetricNames.TrainPrefix), StringComparer.Ordinal);
        foreach (var (name, value) in validation?.Values ?? new Dictionary<string, double>()) values[MetricNames.Validation(name)] = value;
        foreach (var (name, value) in _context.TakeEpochLog()) values[name] = value;
        return new EpochMetrics(epoch, values, _context.EpochSeconds, position.Seen / Math.Max(1e-9, _context.EpochSeconds));
    }

    /// <summary>The epoch's figures at a step: running values (as last read), throughput and time left.</summary>
    TrainingProgress Progress(int epoch, int step, long seenByStep, IReadOnlyDictionary<string, double> values, double seconds)
    {
        double throughput = (seenByStep - _context.Position.SeenBefore) / Math.Max(1e-9, seconds);
        return new TrainingProgress(epoch, Options.Epochs, step, Steps, values, throughput,
            TimeSpan.FromSeconds((Steps - step) * Options.BatchSize / Math.Max(1e-9, throughput)));
    }

    /// <summary>Sets every parameter group's rate to its base rate times the schedule's factor for this step; returns the first group's rate.</summary>
    double SetLearningRate(long step)
    {
        // A constant schedule leaves a custom optimizer's own rates alone.
        if (!Options.Schedule.IsConstant)
        {
            double factor = Options.Schedule.Factor(new ScheduleClock(step, Steps, (long)Options.Epochs * Steps));
            foreach (var (group, baseRate) in _optimizer.ParamGroups.Zip(_baseRates)) group.LearningRate = baseRate * factor;
        }
        return _optimizer.ParamGroups.First().LearningRate;
    }

    void ZeroGrad()
    {
        if (_flat is not null) _flat.ZeroGrad();
        else _optimizer.zero_grad();
    }

    IEnumerable<Tensor> Gradients() =>
        _flat is not null ? [_flat.Flat.grad!] : _model.parameters().Select(p => p.grad).OfType<Tensor>();

    /// <summary>Lets the callbacks save where training stands; returns the exception that stops the fit.</summary>
    TrainingInterruptedException Interrupt(double epochSeconds)
    {
        _context.EpochSeconds = epochSeconds;
        _trainer.Raise(callback => callback.OnInterrupt(_context));
        return new TrainingInterruptedException(_context.Epoch, _context.Position.StepsDone, _context.LastCheckpoint);
    }

    (EpochStart Start, string? ResumedFrom) StartOrResume(CheckpointData data)
    {
        torch.manual_seed(Options.Seed);
        if (_trainer.ResumePath() is not string path)
        {
            if (Options.Resume) _trainer.Report(_trainer.LastCheckpointPath is string last
                ? $"No checkpoint at {last}: training from scratch."
                : "No checkpoint to resume from (no output folder): training from scratch.");
            return (EpochStart.Fresh(1), null);
        }

        var state = CheckpointFile.Load(path, _model, _optimizer, accept: saved => ResumeCheck.Require(path, saved, Options, _metrics.Names, data),
            callbacks: _trainer.Callbacks.OfType<ICheckpointedCallback>());
        using (var random = torch.tensor(state.RandomState, dtype: ScalarType.Byte)) torch.set_rng_state(random);
        _trainer.Report(state.EpochFinished
            ? $"Resumed from {path}: {state.Epoch} of {Options.Epochs} epochs done."
            : $"Resumed from {path}: epoch {state.Epoch}, {state.StepsDoneInEpoch} steps done.");
        return (EpochStart.From(state), path);
    }

    string? ExistingCheckpoint() => _trainer.LastCheckpointPath is string last && File.Exists(last) ? last : null;

    public void Dispose()
    {
        _pending.Dispose();
        _optimizer?.Dispose();
        _flat?.Dispose();
        _outputLock?.Dispose();
    }
}

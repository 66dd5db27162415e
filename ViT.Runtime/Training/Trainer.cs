using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using ViT.Data;
using ViT.IO;
using ViT.Training.Callbacks;
using static TorchSharp.torch;

namespace ViT.Training;

/// <summary>
/// Trains any <c>Module&lt;Tensor, Tensor&gt;</c> the way the tutorial's Lightning Trainer does: the objective's loss
/// (cross-entropy by default), Adam 3e-4 by default, training loss and accuracy per step, validation per epoch. What
/// happens around the loop is callbacks: by default metrics to CSV and a chart and resumable checkpoints; add your own
/// to log elsewhere or stop early.
/// </summary>
public sealed class Trainer
{
    readonly IProgressReporter _reporter;

    /// <summary>Creates a trainer; progress goes to the console unless another reporter is given.</summary>
    public Trainer(TrainerOptions? options = null, IProgressReporter? reporter = null)
    {
        Options = options ?? new TrainerOptions();
        Options.Validate();
        _reporter = reporter ?? LiveProgressReporter.ForConsole(Options.LogEveryNSteps);
        Device = TrainingDevice.Resolve(Options.Device);
        if (Options.Threads is int threads) torch.set_num_threads(threads);
        if (Options.KeepFreedMemory && Device.type == DeviceType.CPU) NativeHeap.KeepFreedMemory();
        Callbacks = DefaultCallbacks(Options).Concat(Options.Callbacks).ToArray();
    }

    /// <summary>The options in force.</summary>
    public TrainerOptions Options { get; }

    /// <summary>Where training runs.</summary>
    public Device Device { get; }

    /// <summary>The callbacks <see cref="Fit"/> runs, in order: the defaults for the output folder, then the options' own.</summary>
    public IReadOnlyList<TrainerCallback> Callbacks { get; }

    /// <summary>The <c>last.ckpt</c> of the <see cref="ModelCheckpoint"/> callback, which <see cref="TrainerOptions.Resume"/> resumes from; null without one.</summary>
    public string? LastCheckpointPath => Callbacks.OfType<ModelCheckpoint>().FirstOrDefault()?.LastPath;

    /// <summary>
    /// The checkpoint <see cref="Fit"/> would resume from, checked (readable, written under compatible options) without
    /// touching any model; null when it would start from scratch. Throws the <see cref="CheckpointException"/> that
    /// <see cref="Fit"/> would, so a program can refuse a bad resume before it writes anything.
    /// </summary>
    public CheckpointState? CheckResume() => CheckResume(train: null);

    /// <summary>
    /// <see cref="CheckResume()"/>, and that the checkpoint was trained on <paramref name="train"/> (with these options'
    /// transforms); a checkpoint of other data is the <see cref="CheckpointException"/> <see cref="Fit"/> would throw.
    /// </summary>
    public CheckpointState? CheckResume(IImageSource? train)
    {
        if (ResumePath() is not string path) return null;
        var state = CheckpointFile.ReadState(path);
        ResumeCheck.Require(path, state, Options, train is null ? null : DataFingerprint.Of(train, Options.Transforms));
        return state;
    }

    /// <summary>
    /// Trains <paramref name="model"/> on <paramref name="train"/> for <see cref="TrainerOptions.Epochs"/> epochs in all, or
    /// until a callback requests a stop. When <paramref name="cancellation"/> fires, training stops after the step in
    /// progress, the callbacks save a resumable checkpoint, and a <see cref="TrainingInterruptedException"/> says where.
    /// </summary>
    public FitResult Fit(nn.Module<Tensor, Tensor> model, IImageSource train, IImageSource? validation = null, CancellationToken cancellation = default)
    {
        // One run per output folder: a second one is refused before it reads or writes anything there.
        using var outputLock = Options.OutputDirectory is string folder ? OutputFolderLock.Acquire(folder, _reporter.Message) : null;
        var trainLoader = new BatchLoader(train, Options.BatchSize, shuffle: true, Options.Seed, Options.Transforms, Prefetch);
        DataModelCheck.Require(model, trainLoader);
        if (validation is not null) DataModelCheck.Require(model, EvaluationLoader(validation));
        model.to(Device);
        BatchMemoryCheck.Require(model, trainLoader.ImageShape, Math.Min(Options.BatchSize, train.Count), Device, Options.AvailableMemoryBytes);
        _reporter.Message(DescribeModel(model));
        // The default Adam steps one flat buffer (FlatParameters); an optimizer of the user's sees the parameters as they are.
        using var flat = Options.Optimizer is null ? FlatParameters.TryCreate(model) : null;
        using var optimizer = Options.Optimizer?.Invoke(model.parameters())
            ?? optim.Adam(flat is null ? model.parameters() : [flat.Flat], Options.LearningRate);

        // The schedule scales the rates the optimizer was built with; a checkpoint restores the last scaled ones.
        double[] baseRates = optimizer.ParamGroups.Select(group => group.LearningRate).ToArray();
        var data = DataFingerprint.Of(train, Options.Transforms);
        var (run, resumedFrom) = StartOrResume(model, optimizer, data);
        int steps = trainLoader.BatchCount;
        var context = new TrainingContext(this, model, optimizer, steps, run, resumedFrom, Callbacks, _reporter) { Data = data };
        long imagesTrained = 0;
        double trainingSeconds = 0;
        Raise(callback => callback.OnFitStart(context));

        using var pending = new PendingSteps();
        for (int epoch = run.Epoch; epoch <= Options.Epochs && !context.StopRequested; epoch++)
        {
            var progress = epoch == run.Epoch ? run : EpochStart.Fresh(epoch);
            context.Position = progress;
            context.EpochFinished = false;
            var epochClock = Stopwatch.StartNew();
            long seen = progress.Seen;
            context.ReadPending = ReadPending;
            Freezing.Train(model);
            Raise(callback => callback.OnEpochStart(context, epoch));
            // A resumed epoch skips the batches the checkpoint trained on; the rest are the ones an uninterrupted run sees.
            using var batches = trainLoader.Batches(epoch, skip: progress.StepsDone).GetEnumerator();
            for (int step = progress.StepsDone + 1; step <= steps; step++)
            {
                using var scope = torch.NewDisposeScope();
                batches.MoveNext();
                if (cancellation.IsCancellationRequested) throw Interrupt(context, progress.SecondsBefore + epochClock.Elapsed.TotalSeconds);

                var (images, labels) = batches.Current;
                Raise(callback => callback.OnStepStart(context, epoch, step));
                long globalStep = (epoch - 1L) * steps + step;
                double rate = SetLearningRate(optimizer, baseRates, globalStep - 1, (long)Options.Epochs * steps);
                var (loss, correct) = TrainStep(model, optimizer, flat, images.to(Device), labels.to(Device));

                int size = (int)labels.shape[0];
                seen += size;
                imagesTrained += size;
                double seconds = epochClock.Elapsed.TotalSeconds;
                var stepResult = new StepResult(globalStep, epoch, step, steps, size, rate, seen, seconds, ReadPending);
                pending.Add(stepResult, loss, correct);
                progress = progress with { StepsDone = step };
                context.Position = progress;
                context.EpochSeconds = progress.SecondsBefore + seconds;
                // The one host synchronisation: once per logging interval, and at the epoch's end for its sums.
                if (step % Options.LogEveryNSteps == 0 || step == steps) ReadPending();
                _reporter.Step(stepResult.IsRead ? stepResult.Progress : Snapshot(step, seen, progress.LossSum / progress.Seen, (double)progress.Correct / progress.Seen, seconds));
                Raise(callback => callback.OnStepEnd(context, stepResult));
            }

            context.ReadPending = null;
            trainingSeconds += epochClock.Elapsed.TotalSeconds;
            double epochSeconds = progress.SecondsBefore + epochClock.Elapsed.TotalSeconds;
            context.EpochSeconds = epochSeconds;
            var evaluation = validation is null ? null : Validate(context, validation, cancellation);
            if (evaluation is not null) Raise(callback => callback.OnValidationEnd(context, epoch, evaluation));
            var metrics = new EpochMetrics(epoch, progress.LossSum / Math.Max(1, progress.Seen), (double)progress.Correct / Math.Max(1, progress.Seen),
                evaluation?.Loss ?? double.NaN, evaluation?.Accuracy ?? double.NaN, epochSeconds, progress.Seen / Math.Max(1e-9, epochSeconds));
            context.AddEpoch(metrics);
            context.EpochFinished = true;
            _reporter.EpochEnd(metrics, Options.Epochs);
            Raise(callback => callback.OnEpochEnd(context, metrics));
            if (context.StopRequested) _reporter.Message($"Stopping after epoch {epoch}: {context.StopReason}");
            if (cancellation.IsCancellationRequested && (epoch < Options.Epochs && !context.StopRequested))
                throw new TrainingInterruptedException(epoch, steps, context.LastCheckpoint);

            // Folds the pending steps into the epoch's sums in step order; a non-finite loss ends the fit at its step.
            void ReadPending()
            {
                foreach (var (done, loss, correct) in pending.Read())
                {
                    if (!double.IsFinite(loss)) throw new TrainingDivergedException(epoch, done.Step, loss, context.LastCheckpoint ?? ExistingCheckpoint());
                    progress = progress with { LossSum = progress.LossSum + loss * done.Size, Correct = progress.Correct + correct, Seen = done.SeenInEpoch };
                    done.Record(loss, correct, Snapshot(done.Step, done.SeenInEpoch, progress.LossSum / progress.Seen, (double)progress.Correct / progress.Seen, done.EpochSeconds));
                }
                context.Position = progress;
            }

            // The epoch's figures at a step: running loss and accuracy (as last read), throughput and time left.
            TrainingProgress Snapshot(int step, long seenByStep, double runningLoss, double runningAccuracy, double seconds)
            {
                double throughput = (seenByStep - progress.SeenBefore) / Math.Max(1e-9, seconds);
                return new TrainingProgress(epoch, Options.Epochs, step, steps, runningLoss, runningAccuracy, throughput,
                    TimeSpan.FromSeconds((steps - step) * Options.BatchSize / Math.Max(1e-9, throughput)));
            }
        }

        var result = new FitResult(context.History.ToArray(), trainingSeconds, imagesTrained);
        Raise(callback => callback.OnFitEnd(context, result));
        return result;
    }

    /// <summary>
    /// Loss and accuracy of <paramref name="model"/> on <paramref name="data"/> under the objective, without gradients;
    /// <paramref name="cancellation"/> stops it between batches (an <see cref="OperationCanceledException"/>).
    /// </summary>
    public Evaluation Evaluate(nn.Module<Tensor, Tensor> model, IImageSource data, CancellationToken cancellation = default) => Evaluate(model, data, "Evaluating", cancellation);

    /// <summary>Loss and accuracy on a test set (the same computation as validation, under Lightning's name).</summary>
    public Evaluation Test(nn.Module<Tensor, Tensor> model, IImageSource data, CancellationToken cancellation = default) => Evaluate(model, data, "Testing", cancellation);

    /// <summary>
    /// The epoch's validation; cancelled midway, it saves the epoch as trained but not validated (a resume validates it).
    /// A loss that is not finite is divergence, as in training: nothing of the epoch is saved.
    /// </summary>
    Evaluation Validate(TrainingContext context, IImageSource validation, CancellationToken cancellation)
    {
        try
        {
            var evaluation = Evaluate(context.Model, validation, "Validating", cancellation);
            return double.IsFinite(evaluation.Loss) ? evaluation
                : throw TrainingDivergedException.InValidation(context.Epoch, evaluation.Loss, context.LastCheckpoint ?? ExistingCheckpoint());
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw Interrupt(context, context.EpochSeconds);
        }
    }

    Evaluation Evaluate(nn.Module<Tensor, Tensor> model, IImageSource data, string activity, CancellationToken cancellation = default)
    {
        var loader = EvaluationLoader(data);
        DataModelCheck.Require(model, loader);
        bool wasTraining = model.training;
        model.eval();
        double lossSum = 0;
        long correct = 0;
        int total = loader.BatchCount, done = 0;
        using var noGrad = torch.no_grad();
        try
        {
            foreach (var _ in Batched(loader, (images, labels) =>
            {
                cancellation.ThrowIfCancellationRequested();
                using var output = model.forward(images);
                lossSum += Options.Objective.Loss(output, labels).item<float>() * labels.shape[0];
                correct += Options.Objective.Correct(output, labels).sum().item<long>();
                _reporter.Progress(activity, ++done, total);
            })) { }
        }
        finally
        {
            Freezing.Train(model, wasTraining);
        }
        return new Evaluation(lossSum / Math.Max(1, data.Count), (double)correct / Math.Max(1, data.Count), data.Count);
    }

    /// <summary>
    /// The predicted class (arg max of the outputs) of each image of <paramref name="images"/> <c>[N, C, H, W]</c>, as a
    /// data set holds them (uint8 0 to 255, or float32 in [0, 1]): converted and transformed as validation batches are;
    /// <paramref name="cancellation"/> stops it between batches.
    /// </summary>
    public long[] Predict(nn.Module<Tensor, Tensor> model, Tensor images, CancellationToken cancellation = default)
    {
        var loader = EvaluationLoader(new UnlabelledImages(images));
        bool wasTraining = model.training;
        model.eval();
        var predictions = new List<long>(loader.Source.Count);
        int total = loader.BatchCount, done = 0;
        using var noGrad = torch.no_grad();
        try
        {
            foreach (var _ in Batched(loader, (batch, _) =>
            {
                cancellation.ThrowIfCancellationRequested();
                predictions.AddRange(model.forward(batch).argmax(1).cpu().data<long>().ToArray());
                _reporter.Progress("Predicting", ++done, total);
            })) { }
        }
        finally
        {
            Freezing.Train(model, wasTraining);
        }

        return predictions.ToArray();
    }

    static IEnumerable<TrainerCallback> DefaultCallbacks(TrainerOptions options)
    {
        if (options.OutputDirectory is not string folder) yield break;
        var checkpoints = options.Callbacks.OfType<ModelCheckpoint>().FirstOrDefault();
        if (checkpoints is null) yield return checkpoints = new ModelCheckpoint(Path.Combine(folder, "checkpoints"), options.CheckpointEveryNSteps);
        if (!options.Callbacks.OfType<FinalWeightsWriter>().Any())
            yield return new FinalWeightsWriter(Path.Combine(checkpoints.Directory, FinalWeightsWriter.DefaultFileName));
        if (!options.Callbacks.OfType<MetricsCsvLogger>().Any()) yield return new MetricsCsvLogger(Path.Combine(folder, "metrics.csv"));
        if (!options.Callbacks.OfType<MetricsChartWriter>().Any()) yield return new MetricsChartWriter(Path.Combine(folder, "metrics.png"));
    }

    void Raise(Action<TrainerCallback> moment)
    {
        foreach (var callback in Callbacks) moment(callback);
    }

    /// <summary>Lets the callbacks save where training stands; returns the exception that stops the fit.</summary>
    TrainingInterruptedException Interrupt(TrainingContext context, double epochSeconds)
    {
        context.EpochSeconds = epochSeconds;
        Raise(callback => callback.OnInterrupt(context));
        return new TrainingInterruptedException(context.Epoch, context.Position.StepsDone, context.LastCheckpoint);
    }

    /// <summary>Sets every parameter group's rate to its base rate times the schedule's factor for this step; returns the first group's rate.</summary>
    double SetLearningRate(OptimizerHelper optimizer, double[] baseRates, long step, long totalSteps)
    {
        // A constant schedule leaves a custom optimizer's own rates alone.
        if (Options.Schedule != LearningRateSchedule.Constant)
        {
            double factor = LearningRateScheduleFactor.At(Options.Schedule, step, totalSteps);
            foreach (var (group, baseRate) in optimizer.ParamGroups.Zip(baseRates)) group.LearningRate = baseRate * factor;
        }
        return optimizer.ParamGroups.First().LearningRate;
    }

    /// <summary>One optimisation step; the loss and correct count stay on the device (see <see cref="PendingSteps"/>).</summary>
    (Tensor Loss, Tensor Correct) TrainStep(nn.Module<Tensor, Tensor> model, OptimizerHelper optimizer, FlatParameters? flat, Tensor images, Tensor labels)
    {
        if (flat is not null) flat.ZeroGrad();
        else optimizer.zero_grad();
        var output = model.forward(images);
        var loss = Options.Objective.Loss(output, labels);
        loss.backward();
        optimizer.step();
        return (loss, Options.Objective.Correct(output, labels).sum());
    }

    /// <summary>Batches prepared ahead: the option, or by default 2 on a GPU and none on a CPU (see <see cref="TrainerOptions.Prefetch"/>).</summary>
    int Prefetch => Options.Prefetch ?? (Device.type == DeviceType.CUDA ? 2 : 0);

    /// <summary>Validation and test data: in order, with the deterministic transforms only.</summary>
    BatchLoader EvaluationLoader(IImageSource data) =>
        new(data, Options.BatchSize, shuffle: false, Options.Seed, Options.Transforms?.ForEvaluation(), Prefetch);

    IEnumerable<int> Batched(BatchLoader loader, Action<Tensor, Tensor> body)
    {
        using var batches = loader.Batches().GetEnumerator();
        while (true)
        {
            using var scope = torch.NewDisposeScope();
            if (!batches.MoveNext()) yield break;
            body(batches.Current.Images.to(Device), batches.Current.Labels.to(Device));
            yield return 0;
        }
    }

    /// <summary><see cref="TrainerOptions.ResumeFrom"/>, or with <see cref="TrainerOptions.Resume"/> the last checkpoint; null to start afresh.</summary>
    string? ResumePath()
    {
        if (Options.ResumeFrom is string from) return from;
        if (!Options.Resume || LastCheckpointPath is not string last) return null;
        // A folder named last.ckpt is not "no checkpoint": reading it gives the error that names it.
        return File.Exists(last) || Directory.Exists(last) ? last : null;
    }

    (EpochStart Start, string? ResumedFrom) StartOrResume(nn.Module model, OptimizerHelper optimizer, CheckpointData data)
    {
        torch.manual_seed(Options.Seed);
        if (ResumePath() is not string path)
        {
            if (Options.Resume) _reporter.Message(LastCheckpointPath is string last
                ? $"No checkpoint at {last}: training from scratch."
                : "No checkpoint to resume from (no output folder): training from scratch.");
            return (EpochStart.Fresh(1), null);
        }

        var state = CheckpointFile.Load(path, model, optimizer, accept: saved => ResumeCheck.Require(path, saved, Options, data));
        using (var random = torch.tensor(state.RandomState, dtype: ScalarType.Byte)) torch.set_rng_state(random);
        _reporter.Message(state.EpochFinished
            ? $"Resumed from {path}: {state.Epoch} of {Options.Epochs} epochs done."
            : $"Resumed from {path}: epoch {state.Epoch}, {state.StepsDoneInEpoch} steps done.");
        return (EpochStart.From(state), path);
    }

    string? ExistingCheckpoint() => LastCheckpointPath is string last && File.Exists(last) ? last : null;

    static string DescribeModel(nn.Module<Tensor, Tensor> model)
    {
        var counts = ParameterCounts.Of(model);
        string described = model is IGeneratedModel generated
            ? generated.Summary.ToString()
            : $"{model.GetName()}: {counts.Trainable + counts.Frozen:N0} parameters";
        return counts.Frozen > 0 ? described + Environment.NewLine + counts : described;
    }
}

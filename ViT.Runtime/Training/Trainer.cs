using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using ViT.Data;
using static TorchSharp.torch;

namespace ViT.Training;

/// <summary>
/// Trains any <c>Module&lt;Tensor, Tensor&gt;</c> classifier the way the tutorial's Lightning Trainer does:
/// cross-entropy, Adam 3e-4 by default, training loss and accuracy per step, validation per epoch,
/// metrics to CSV and a plot, a checkpoint each epoch that a later run can resume from.
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
    }

    /// <summary>The options in force.</summary>
    public TrainerOptions Options { get; }

    /// <summary>Where training runs.</summary>
    public Device Device { get; }

    /// <summary>The checkpoint <c>Fit</c> writes after every epoch and resumes from; null without an output folder.</summary>
    public string? LastCheckpointPath => Options.OutputDirectory is null ? null : Path.Combine(Options.OutputDirectory, "checkpoints", "last.ckpt");

    /// <summary>Trains <paramref name="model"/> on <paramref name="train"/> for <see cref="TrainerOptions.Epochs"/> epochs in all.</summary>
    public FitResult Fit(nn.Module<Tensor, Tensor> model, IImageSource train, IImageSource? validation = null)
    {
        var trainLoader = new BatchLoader(train, Options.BatchSize, shuffle: true, Options.Seed, Options.Transforms, Options.Prefetch);
        DataModelCheck.Require(model, trainLoader);
        if (validation is not null) DataModelCheck.Require(model, EvaluationLoader(validation));
        model.to(Device);
        BatchMemoryCheck.Require(model, trainLoader.ImageShape, Math.Min(Options.BatchSize, train.Count), Device, Options.AvailableMemoryBytes);
        _reporter.Message(DescribeModel(model));
        using var optimizer = Options.Optimizer?.Invoke(model.parameters()) ?? optim.Adam(model.parameters(), Options.LearningRate);

        // The schedule scales the rates the optimizer was built with; a checkpoint restores the last scaled ones.
        double[] baseRates = optimizer.ParamGroups.Select(group => group.LearningRate).ToArray();
        var run = StartOrResume(model, optimizer);
        var history = run.History.ToList();
        int steps = trainLoader.BatchCount;
        long imagesTrained = 0;
        double trainingSeconds = 0;

        for (int epoch = run.Epoch; epoch <= Options.Epochs; epoch++)
        {
            var progress = epoch == run.Epoch ? run : EpochStart.Fresh(epoch);
            var epochClock = Stopwatch.StartNew();
            model.train();
            // A resumed epoch skips the batches the checkpoint trained on; the rest are the ones an uninterrupted run sees.
            using var batches = trainLoader.Batches(epoch, skip: progress.StepsDone).GetEnumerator();
            for (int step = progress.StepsDone + 1; step <= steps; step++)
            {
                using var scope = torch.NewDisposeScope();
                batches.MoveNext();
                var (images, labels) = batches.Current;
                SetLearningRate(optimizer, baseRates, (epoch - 1L) * steps + step - 1, (long)Options.Epochs * steps);
                var (loss, correct) = TrainStep(model, optimizer, images.to(Device), labels.to(Device));
                if (!double.IsFinite(loss)) throw new TrainingDivergedException(epoch, step, loss, ExistingCheckpoint());

                int size = (int)labels.shape[0];
                progress = progress with { StepsDone = step, LossSum = progress.LossSum + loss * size, Correct = progress.Correct + correct, Seen = progress.Seen + size };
                imagesTrained += size;
                double seconds = progress.SecondsBefore + epochClock.Elapsed.TotalSeconds;
                double rate = (progress.Seen - progress.SeenBefore) / Math.Max(1e-9, epochClock.Elapsed.TotalSeconds);
                _reporter.Step(new TrainingProgress(epoch, Options.Epochs, step, steps, progress.LossSum / progress.Seen,
                    (double)progress.Correct / progress.Seen, rate, TimeSpan.FromSeconds((steps - step) * Options.BatchSize / Math.Max(1e-9, rate))));

                if (Options.CheckpointEveryNSteps is int every && step % every == 0 && step < steps)
                    SaveCheckpoint(model, optimizer, progress.ToState(epoch, finished: false, seconds, history, Options, Device));
                Options.AfterStep?.Invoke(epoch, step);
            }

            trainingSeconds += epochClock.Elapsed.TotalSeconds;
            double epochSeconds = progress.SecondsBefore + epochClock.Elapsed.TotalSeconds;
            var evaluation = validation is null ? null : Evaluate(model, validation);
            var metrics = new EpochMetrics(epoch, progress.LossSum / Math.Max(1, progress.Seen), (double)progress.Correct / Math.Max(1, progress.Seen),
                evaluation?.Loss ?? double.NaN, evaluation?.Accuracy ?? double.NaN, epochSeconds, progress.Seen / Math.Max(1e-9, epochSeconds));
            history.Add(metrics);
            _reporter.EpochEnd(metrics, Options.Epochs);
            WriteMetrics(history);
            SaveCheckpoint(model, optimizer, progress.ToState(epoch, finished: true, epochSeconds, history, Options, Device), epochCopy: epoch);
        }

        return new FitResult(history, trainingSeconds, imagesTrained);
    }

    /// <summary>Loss and accuracy of <paramref name="model"/> on <paramref name="data"/>, without gradients.</summary>
    public Evaluation Evaluate(nn.Module<Tensor, Tensor> model, IImageSource data)
    {
        var loader = EvaluationLoader(data);
        DataModelCheck.Require(model, loader);
        bool wasTraining = model.training;
        model.eval();
        double lossSum = 0;
        long correct = 0;
        using (torch.no_grad())
        {
            foreach (var _ in Batched(loader, (images, labels) =>
            {
                using var logits = model.forward(images);
                lossSum += nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.Sum).item<float>();
                correct += logits.argmax(1).eq(labels).sum().item<long>();
            })) { }
        }
        model.train(wasTraining);
        return new Evaluation(lossSum / Math.Max(1, data.Count), (double)correct / Math.Max(1, data.Count), data.Count);
    }

    /// <summary>Loss and accuracy on a test set (the same computation as validation, under Lightning's name).</summary>
    public Evaluation Test(nn.Module<Tensor, Tensor> model, IImageSource data) => Evaluate(model, data);

    /// <summary>The predicted class (arg max of the logits) of each image of <paramref name="images"/> <c>[N, C, H, W]</c>.</summary>
    public long[] Predict(nn.Module<Tensor, Tensor> model, Tensor images)
    {
        bool wasTraining = model.training;
        model.eval();
        var predictions = new List<long>((int)images.shape[0]);
        using (torch.no_grad())
        {
            for (long start = 0; start < images.shape[0]; start += Options.BatchSize)
            {
                using var scope = torch.NewDisposeScope();
                var batch = images.narrow(0, start, Math.Min(Options.BatchSize, images.shape[0] - start)).to(Device);
                predictions.AddRange(model.forward(batch).argmax(1).cpu().data<long>().ToArray());
            }
        }
        model.train(wasTraining);
        return predictions.ToArray();
    }

    /// <summary>Sets every parameter group's rate to its base rate times the schedule's factor for this step.</summary>
    void SetLearningRate(OptimizerHelper optimizer, double[] baseRates, long step, long totalSteps)
    {
        if (Options.Schedule == LearningRateSchedule.Constant) return; // leave a custom optimizer's own rates alone
        double factor = LearningRateScheduleFactor.At(Options.Schedule, step, totalSteps);
        foreach (var (group, baseRate) in optimizer.ParamGroups.Zip(baseRates)) group.LearningRate = baseRate * factor;
    }

    static (double Loss, long Correct) TrainStep(nn.Module<Tensor, Tensor> model, OptimizerHelper optimizer, Tensor images, Tensor labels)
    {
        optimizer.zero_grad();
        var logits = model.forward(images);
        var loss = nn.functional.cross_entropy(logits, labels);
        double value = loss.item<float>();
        if (!double.IsFinite(value)) return (value, 0);
        loss.backward();
        optimizer.step();
        return (value, logits.argmax(1).eq(labels).sum().item<long>());
    }

    /// <summary>Validation and test data: in order, with the deterministic transforms only.</summary>
    BatchLoader EvaluationLoader(IImageSource data) =>
        new(data, Options.BatchSize, shuffle: false, Options.Seed, Options.Transforms?.ForEvaluation(), Options.Prefetch);

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

    EpochStart StartOrResume(nn.Module model, OptimizerHelper optimizer)
    {
        torch.manual_seed(Options.Seed);
        string? last = LastCheckpointPath;
        if (!Options.Resume || last is null || !File.Exists(last)) return EpochStart.Fresh(1);

        var state = CheckpointFile.Load(last, model, optimizer, accept: saved => ResumeCheck.Require(last, saved.Options, Options));
        using (var random = torch.tensor(state.RandomState, dtype: ScalarType.Byte)) torch.set_rng_state(random);
        var start = EpochStart.From(state);
        _reporter.Message(state.EpochFinished
            ? $"Resumed from {last}: {state.Epoch} of {Options.Epochs} epochs done."
            : $"Resumed from {last}: epoch {state.Epoch}, {state.StepsDoneInEpoch} steps done.");
        return start;
    }

    void SaveCheckpoint(nn.Module model, OptimizerHelper optimizer, CheckpointState state, int? epochCopy = null)
    {
        if (LastCheckpointPath is not string last) return;
        CheckpointFile.Save(last, model, optimizer, state, Options.CheckpointWriteHook);
        if (epochCopy is int epoch) File.Copy(last, Path.Combine(Path.GetDirectoryName(last)!, $"epoch-{epoch}.ckpt"), overwrite: true);
    }

    string? ExistingCheckpoint() => LastCheckpointPath is string last && File.Exists(last) ? last : null;

    void WriteMetrics(IReadOnlyList<EpochMetrics> history)
    {
        if (Options.OutputDirectory is null) return;
        MetricsCsv.Write(Path.Combine(Options.OutputDirectory, "metrics.csv"), history);
        MetricsPlot.Draw(history).SavePng(Path.Combine(Options.OutputDirectory, "metrics.png"));
    }

    static string DescribeModel(nn.Module<Tensor, Tensor> model)
    {
        long total = model.parameters().Sum(p => p.numel());
        return model is IGeneratedModel generated
            ? generated.Summary.ToString()
            : $"{model.GetName()}: {total:N0} trainable parameters";
    }
}

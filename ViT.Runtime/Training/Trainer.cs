using TorchSharp;
using ViT.Data;
using ViT.IO;
using ViT.Training.Callbacks;
using ViT.Training.Metrics;
using static TorchSharp.torch;

namespace ViT.Training;

/// <summary>
/// Trains any <c>Module&lt;Tensor, Tensor&gt;</c> the way the tutorial's Lightning Trainer does: the objective's loss
/// (cross-entropy by default), Adam 3e-4 by default, the metrics per step and per epoch, validation per epoch. What
/// happens around the loop is callbacks: by default a progress bar, the model summary, metrics to CSV and a chart and
/// resumable checkpoints; add your own to log elsewhere or stop early. The loop itself is <see cref="FitLoop"/>.
/// </summary>
public sealed class Trainer
{
    /// <summary>Creates a trainer.</summary>
    public Trainer(TrainerOptions? options = null)
    {
        Options = options ?? new TrainerOptions();
        Options.Validate();
        _ = new MetricSet(Options.Metrics); // refuses two metrics of one name now, not at the first step
        Device = TrainingDevice.Resolve(Options.Device);
        if (Options.Threads is int threads) torch.set_num_threads(threads);
        if (Options.KeepFreedMemory && Device.type == DeviceType.CPU) NativeHeap.KeepFreedMemory();
        // Checkpoints last, as Lightning orders them: a checkpoint then holds what every other callback did at that moment
        // (the weight average's update of the same step, a value logged for the epoch).
        Callbacks = DefaultCallbacks(Options).Concat(Options.Callbacks).OrderBy(callback => callback is ModelCheckpoint).ToArray();
    }

    /// <summary>The options in force.</summary>
    public TrainerOptions Options { get; }

    /// <summary>Where training runs.</summary>
    public Device Device { get; }

    /// <summary>The callbacks <see cref="Fit"/> runs, in order: the defaults, then the options' own, and the <see cref="ModelCheckpoint"/> last.</summary>
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
        ResumeCheck.Require(path, state, Options, new MetricSet(Options.Metrics).Names, train is null ? null : DataFingerprint.Of(train, Options.Transforms));
        return state;
    }

    /// <summary>
    /// Trains <paramref name="model"/> on <paramref name="train"/> for <see cref="TrainerOptions.Epochs"/> epochs in all, or
    /// until a callback requests a stop. When <paramref name="cancellation"/> fires, training stops after the step in
    /// progress (after the update in progress when gradients accumulate), the callbacks save a resumable checkpoint, and a
    /// <see cref="TrainingInterruptedException"/> says where.
    /// </summary>
    public FitResult Fit(nn.Module<Tensor, Tensor> model, IImageSource train, IImageSource? validation = null, CancellationToken cancellation = default)
    {
        using var loop = new FitLoop(this, model, train, validation, cancellation);
        return loop.Run();
    }

    /// <summary>
    /// The metrics of <paramref name="model"/> on <paramref name="data"/> (loss, and <see cref="TrainerOptions.Metrics"/>),
    /// without gradients; <paramref name="cancellation"/> stops it between batches (an <see cref="OperationCanceledException"/>).
    /// </summary>
    public Evaluation Evaluate(nn.Module<Tensor, Tensor> model, IImageSource data, CancellationToken cancellation = default) => Evaluate(model, data, "Evaluating", cancellation);

    /// <summary>The metrics on a test set (the same computation as validation, under Lightning's name).</summary>
    public Evaluation Test(nn.Module<Tensor, Tensor> model, IImageSource data, CancellationToken cancellation = default) => Evaluate(model, data, "Testing", cancellation);

    /// <summary>
    /// Evaluates batch by batch, adding each batch's metric sums on the device and reading them once at the end;
    /// <paramref name="activity"/> names the work in the progress display.
    /// </summary>
    internal Evaluation Evaluate(nn.Module<Tensor, Tensor> model, IImageSource data, string activity, CancellationToken cancellation = default)
    {
        var loader = EvaluationLoader(data);
        DataModelCheck.Require(model, loader);
        var metrics = new MetricSet(Options.Metrics);
        bool wasTraining = model.training;
        model.eval();
        Tensor? sums = null;
        int total = loader.BatchCount, done = 0;
        using var noGrad = torch.no_grad();
        try
        {
            foreach (var (images, labels) in Batched(loader))
            {
                cancellation.ThrowIfCancellationRequested();
                var output = model.forward(images);
                var batch = metrics.Update(new MetricBatch(output, labels, Options.Objective.Loss(output, labels)));
                if (sums is null) sums = batch.DetachFromDisposeScope();
                else sums.add_(batch);
                int batches = ++done; // counted once, not once per callback
                Raise(callback => callback.OnEvaluationProgress(this, activity, batches, total));
            }
            if (sums is null) return new Evaluation(new Dictionary<string, double>(), data.Count);
            using var host = sums.cpu();
            return new Evaluation(metrics.Values(metrics.Split(host.data<double>().ToArray())), data.Count);
        }
        finally
        {
            sums?.Dispose();
            Freezing.Train(model, wasTraining);
        }
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
            foreach (var (batch, _) in Batched(loader))
            {
                cancellation.ThrowIfCancellationRequested();
                predictions.AddRange(model.forward(batch).argmax(1).cpu().data<long>().ToArray());
                int batches = ++done;
                Raise(callback => callback.OnEvaluationProgress(this, "Predicting", batches, total));
            }
        }
        finally
        {
            Freezing.Train(model, wasTraining);
        }

        return predictions.ToArray();
    }

    /// <summary>Shows <paramref name="message"/> to the user: every callback's <see cref="TrainerCallback.OnReport"/>, which the progress bar prints.</summary>
    internal void Report(string message) => Raise(callback => callback.OnReport(this, message));

    internal void Raise(Action<TrainerCallback> moment)
    {
        foreach (var callback in Callbacks) moment(callback);
    }

    static IEnumerable<TrainerCallback> DefaultCallbacks(TrainerOptions options)
    {
        if (options.EnableProgressBar && !options.Callbacks.OfType<ProgressBar>().Any()) yield return ProgressBar.ForConsole(options.LogEveryNSteps);
        if (options.EnableModelSummary && !options.Callbacks.OfType<ModelSummaryPrinter>().Any()) yield return new ModelSummaryPrinter();
        if (options.OutputDirectory is not string folder) yield break;
        var checkpoints = options.Callbacks.OfType<ModelCheckpoint>().FirstOrDefault();
        if (checkpoints is null) yield return checkpoints = new ModelCheckpoint(Path.Combine(folder, "checkpoints"), everyNSteps: options.CheckpointEveryNSteps);
        if (!options.Callbacks.OfType<FinalWeightsWriter>().Any())
            yield return new FinalWeightsWriter(Path.Combine(checkpoints.Directory, FinalWeightsWriter.DefaultFileName));
        if (!options.Callbacks.OfType<MetricsCsvLogger>().Any()) yield return new MetricsCsvLogger(Path.Combine(folder, "metrics.csv"));
        if (!options.Callbacks.OfType<MetricsChartWriter>().Any()) yield return new MetricsChartWriter(Path.Combine(folder, "metrics.png"));
    }

    /// <summary>Batches prepared ahead: the option, or by default 2 on a GPU and none on a CPU (see <see cref="TrainerOptions.Prefetch"/>).</summary>
    internal int Prefetch => Options.Prefetch ?? (Device.type == DeviceType.CUDA ? 2 : 0);

    /// <summary>Validation and test data: in order, with the deterministic transforms only.</summary>
    internal BatchLoader EvaluationLoader(IImageSource data) =>
        new(data, Options.BatchSize, shuffle: false, Options.Seed, Options.Transforms?.ForEvaluation(), Prefetch);

    /// <summary>The loader's batches on the training device, each in a dispose scope of its own that ends when the next is asked for.</summary>
    IEnumerable<(Tensor Images, Tensor Labels)> Batched(BatchLoader loader)
    {
        using var batches = loader.Batches().GetEnumerator();
        while (true)
        {
            using var scope = torch.NewDisposeScope();
            if (!batches.MoveNext()) yield break;
            yield return (batches.Current.Images.to(Device), batches.Current.Labels.to(Device));
        }
    }

    /// <summary><see cref="TrainerOptions.ResumeFrom"/>, or with <see cref="TrainerOptions.Resume"/> the last checkpoint; null to start afresh.</summary>
    internal string? ResumePath()
    {
        if (Options.ResumeFrom is string from) return from;
        if (!Options.Resume || LastCheckpointPath is not string last) return null;
        // A folder named last.ckpt is not "no checkpoint": reading it gives the error that names it.
        return File.Exists(last) || Directory.Exists(last) ? last : null;
    }
}

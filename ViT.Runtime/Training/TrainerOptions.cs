using TorchSharp.Modules;
using ViT.Data;
using ViT.Training.Callbacks;
using ViT.Training.Metrics;
using static TorchSharp.torch;

namespace ViT.Training;

/// <summary>How a <see cref="Trainer"/> trains: the tutorial's recipe by default (Adam 3e-4, batch 64, 5 epochs).</summary>
public sealed record TrainerOptions
{
    /// <summary>Epochs to train; a resumed run stops after this many in total.</summary>
    public int Epochs { get; init; } = 5;

    /// <summary>Images per training step.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Learning rate of the default optimizer.</summary>
    public double LearningRate { get; init; } = 3e-4;

    /// <summary>How the rate moves over the run, step by step; the tutorial keeps it constant.</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;

    /// <summary>
    /// What is measured besides the loss, while training and on the validation set, under Lightning's names
    /// (<c>train_acc</c>, <c>val_acc</c>; <see cref="MetricNames"/>): the top-1 <see cref="Accuracy"/> by default.
    /// Add <c>new Accuracy(topK: 5)</c>, <see cref="PerClassAccuracy"/>, <see cref="ConfusionMatrix"/> or your own <see cref="Metric"/>.
    /// </summary>
    public IReadOnlyList<Metric> Metrics { get; init; } = [new Accuracy()];

    /// <summary>
    /// Scales the gradients so that their norm over all parameters is at most this before each update (PyTorch's
    /// <c>clip_grad_norm_</c>, timm's <c>--clip-grad</c>); null leaves them alone.
    /// </summary>
    public double? GradientClipNorm { get; init; }

    /// <summary>
    /// Steps whose gradients add up before each optimizer update (Lightning's <c>accumulate_grad_batches</c>): each
    /// step's loss is divided by the steps of its update, so k steps of B images update as one step of kB would. An
    /// epoch's last update takes the steps that are left. Checkpoints and Ctrl+C wait for an update.
    /// </summary>
    public int AccumulateGradientBatches { get; init; } = 1;

    /// <summary>
    /// Mixes the examples of each training batch and their targets (<see cref="MixupCutmix"/>), drawing from (seed,
    /// epoch, step), so a resumed run mixes as an uninterrupted one; null mixes nothing.
    /// </summary>
    public IBatchTransform? BatchTransform { get; init; }

    /// <summary>Seeds the weights' random generator and the shuffling, so the same seed on the same CPU gives the same metrics.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>"cpu", "cuda" or "cuda:N"; null picks CUDA when TorchSharp reports it, else the CPU.</summary>
    public string? Device { get; init; }

    /// <summary>Intra-op threads for the CPU; null leaves TorchSharp's default (one per core).</summary>
    public int? Threads { get; init; }

    /// <summary>
    /// Where the default callbacks write: <c>metrics.csv</c>, <c>metrics.png</c> and <c>checkpoints/</c>; null adds none of them.
    /// </summary>
    public string? OutputDirectory { get; init; } = "out";

    /// <summary>
    /// Lightning's <c>log_every_n_steps</c>: every this many global steps the trainer reads the steps' metrics from the
    /// device (once per interval, and at an epoch's end; a GPU is not stalled by logging) and logs their means
    /// (<see cref="TrainerCallback.OnLog"/>); the plain progress bar prints a line.
    /// </summary>
    public int LogEveryNSteps { get; init; } = 50;

    /// <summary>Adds the default <see cref="ProgressBar"/> (a live bar on a terminal, plain lines in logs), as Lightning's <c>enable_progress_bar</c>.</summary>
    public bool EnableProgressBar { get; init; } = true;

    /// <summary>Adds the default <see cref="ModelSummaryPrinter"/>, as Lightning's <c>enable_model_summary</c>.</summary>
    public bool EnableModelSummary { get; init; } = true;

    /// <summary>The default <see cref="ModelCheckpoint"/> also checkpoints every this many steps inside an epoch; null: at epoch ends only.</summary>
    public int? CheckpointEveryNSteps { get; init; }

    /// <summary>
    /// Continue from the <see cref="ModelCheckpoint"/>'s <c>last.ckpt</c> when there is one (without one, training starts
    /// from scratch and says so). Refused (a <see cref="CheckpointException"/>) when its batch size, seed, learning rate,
    /// schedule, metrics or gradient accumulation differ from these options, or its epochs under a schedule laid out
    /// over the run (cosine).
    /// </summary>
    public bool Resume { get; init; }

    /// <summary>
    /// Applied to every training batch, each random step seeded by (seed, epoch, index); validation and test batches get
    /// its deterministic steps only (<see cref="ViT.Data.TransformPipeline.ForEvaluation"/>). Null for none.
    /// </summary>
    public TransformPipeline? Transforms { get; init; }

    /// <summary>
    /// Batches prepared ahead on a background thread while the model trains; 0 prepares each when it is needed. By
    /// default (null) 2 when training on a GPU, whose host thread waits anyway, and 0 on a CPU, where that thread's
    /// tensor work competes with libtorch's own threads for the cores: on a 2-core machine prefetching made the timm
    /// configuration's step 1.7-2 times slower (docs/data.md).
    /// </summary>
    public int? Prefetch { get; init; }

    /// <summary>
    /// On Linux, keep the memory a CPU training step frees for the next step instead of giving it back to the system
    /// and faulting it in again (<see cref="NativeHeap"/>): the tutorial model's float32 step took 18% less time, the
    /// other sample models' steps the same (docs/performance.md). Process-wide, for the rest of the process; set false
    /// to leave the C library's allocator as it comes.
    /// </summary>
    public bool KeepFreedMemory { get; init; } = true;

    /// <summary>The memory a training step may use, for the check that refuses a batch too large; null: what the process may use.</summary>
    public long? AvailableMemoryBytes { get; init; }

    /// <summary>Continue from this checkpoint (such as an <c>epoch-N.ckpt</c> when <c>last.ckpt</c> is damaged); it must exist.</summary>
    public string? ResumeFrom { get; init; }

    /// <summary>The loss to minimise and what counts as right; the tutorial's classification by default.</summary>
    public TrainingObjective Objective { get; init; } = TrainingObjective.Classification;

    /// <summary>
    /// Callbacks run after the defaults. One of the same type as a default (<see cref="ProgressBar"/>,
    /// <see cref="ModelSummaryPrinter"/>, <see cref="ModelCheckpoint"/>, <see cref="MetricsCsvLogger"/>,
    /// <see cref="MetricsChartWriter"/>) replaces it.
    /// </summary>
    public IReadOnlyList<TrainerCallback> Callbacks { get; init; } = [];

    /// <summary>
    /// Builds the optimizer for the model; null means Adam at <see cref="LearningRate"/>. timm's recipe is
    /// <c>model => ParameterGroups.Of(model).AdamW(learningRate: 1e-3, weightDecay: 0.05)</c>.
    /// </summary>
    public Func<nn.Module, OptimizerHelper>? Optimizer { get; init; }

    /// <summary>Throws when an option is out of range, naming the option and the fix.</summary>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be at least 1.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be at least 1.");
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "LearningRate must be positive.");
        ArgumentNullException.ThrowIfNull(Schedule, nameof(Schedule));
        Schedule.Validate();
        if (LogEveryNSteps < 1) throw new ArgumentOutOfRangeException(nameof(LogEveryNSteps), LogEveryNSteps, "LogEveryNSteps must be at least 1.");
        if (CheckpointEveryNSteps is < 1) throw new ArgumentOutOfRangeException(nameof(CheckpointEveryNSteps), CheckpointEveryNSteps, "CheckpointEveryNSteps must be at least 1, or null.");
        if (Prefetch is < 0) throw new ArgumentOutOfRangeException(nameof(Prefetch), Prefetch, "Prefetch must not be negative.");
        if (Threads is < 1) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Threads must be at least 1, or null.");
        if (GradientClipNorm is double clip && !(clip > 0))
            throw new ArgumentOutOfRangeException(nameof(GradientClipNorm), GradientClipNorm, "GradientClipNorm must be above 0 (timm's recipes use 1 to 5), or null.");
        if (AccumulateGradientBatches < 1)
            throw new ArgumentOutOfRangeException(nameof(AccumulateGradientBatches), AccumulateGradientBatches, "AccumulateGradientBatches must be at least 1.");
        if (CheckpointEveryNSteps is int every && every % AccumulateGradientBatches != 0)
            throw new ArgumentOutOfRangeException(nameof(CheckpointEveryNSteps), CheckpointEveryNSteps,
                $"CheckpointEveryNSteps must be a multiple of AccumulateGradientBatches ({AccumulateGradientBatches}): a checkpoint between updates would lose the accumulated gradients.");
    }
}

using TorchSharp.Modules;
using ViT.Training.Callbacks;

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

    /// <summary>How the rate moves over the run; the tutorial keeps it constant.</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;

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

    /// <summary>Report progress every this many steps when output is plain text.</summary>
    public int LogEveryNSteps { get; init; } = 50;

    /// <summary>The default <see cref="ModelCheckpoint"/> also checkpoints every this many steps inside an epoch; null: at epoch ends only.</summary>
    public int? CheckpointEveryNSteps { get; init; }

    /// <summary>
    /// Continue from the <see cref="ModelCheckpoint"/>'s <c>last.ckpt</c> when there is one (without one, training starts
    /// from scratch and says so). Refused (a <see cref="CheckpointException"/>) when its batch size, seed, learning rate
    /// or schedule differ from these options, or its epochs under a cosine schedule.
    /// </summary>
    public bool Resume { get; init; }

    /// <summary>
    /// Applied to every training batch, each random step seeded by (seed, epoch, index); validation and test batches get
    /// its deterministic steps only (<see cref="ViT.Data.TransformPipeline.ForEvaluation"/>). Null for none.
    /// </summary>
    public ViT.Data.TransformPipeline? Transforms { get; init; }

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
    /// Callbacks run after the defaults. One of the same type as a default (<see cref="ModelCheckpoint"/>,
    /// <see cref="MetricsCsvLogger"/>, <see cref="MetricsChartWriter"/>) replaces it.
    /// </summary>
    public IReadOnlyList<TrainerCallback> Callbacks { get; init; } = [];

    /// <summary>Builds the optimizer; null means Adam at <see cref="LearningRate"/>.</summary>
    public Func<IEnumerable<Parameter>, OptimizerHelper>? Optimizer { get; init; }

    /// <summary>Throws when an option is out of range, naming the option and the fix.</summary>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be at least 1.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be at least 1.");
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "LearningRate must be positive.");
        if (!Enum.IsDefined(Schedule)) throw new ArgumentOutOfRangeException(nameof(Schedule), Schedule, "Schedule must be Constant or Cosine.");
        if (LogEveryNSteps < 1) throw new ArgumentOutOfRangeException(nameof(LogEveryNSteps), LogEveryNSteps, "LogEveryNSteps must be at least 1.");
        if (CheckpointEveryNSteps is < 1) throw new ArgumentOutOfRangeException(nameof(CheckpointEveryNSteps), CheckpointEveryNSteps, "CheckpointEveryNSteps must be at least 1, or null.");
        if (Prefetch is < 0) throw new ArgumentOutOfRangeException(nameof(Prefetch), Prefetch, "Prefetch must not be negative.");
        if (Threads is < 1) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Threads must be at least 1, or null.");
    }
}

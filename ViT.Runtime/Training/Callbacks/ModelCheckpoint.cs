namespace ViT.Training.Callbacks;

/// <summary>
/// Keeps training resumable, as Lightning's <c>ModelCheckpoint</c> with <c>save_last</c>: <c>last.ckpt</c> after every
/// epoch (and every <see cref="EveryNSteps"/> steps, and when training is interrupted), plus <c>epoch-N.ckpt</c> for each
/// finished epoch. Every file is written atomically. A default callback of <see cref="Trainer"/> (in
/// <c>OutputDirectory/checkpoints</c>); <see cref="TrainerOptions.Resume"/> resumes from its <see cref="LastPath"/>.
/// </summary>
public sealed class ModelCheckpoint : TrainerCallback
{
    /// <summary>Checkpoints into <paramref name="directory"/>; <paramref name="everyNSteps"/> adds checkpoints inside epochs.</summary>
    public ModelCheckpoint(string directory, int? everyNSteps = null)
    {
        if (everyNSteps is < 1) throw new ArgumentOutOfRangeException(nameof(everyNSteps), everyNSteps, "everyNSteps must be at least 1, or null.");
        Directory = directory;
        EveryNSteps = everyNSteps;
    }

    /// <summary>The folder of the checkpoints.</summary>
    public string Directory { get; }

    /// <summary>Also checkpoint every this many steps inside an epoch; null checkpoints at epoch ends only.</summary>
    public int? EveryNSteps { get; }

    /// <summary>The checkpoint that always holds the latest position.</summary>
    public string LastPath => Path.Combine(Directory, "last.ckpt");

    /// <summary>The checkpoint kept for a finished epoch.</summary>
    public string EpochPath(int epoch) => Path.Combine(Directory, $"epoch-{epoch}.ckpt");

    /// <summary>Wraps the stream of every checkpoint write; a test seam for a crash during a write.</summary>
    internal Func<Stream, Stream>? WriteHook { get; init; }

    /// <summary>
    /// Refuses a folder that cannot hold the checkpoints before anything is trained or written, removes temporary files
    /// that a killed run left, and restores the epoch copy of a resumed checkpoint if a crash tore it.
    /// </summary>
    public override void OnFitStart(TrainingContext context)
    {
        if (System.IO.Directory.Exists(LastPath))
            throw new CheckpointException(LastPath, "is a folder, so no checkpoint can be written there. Move it away, or choose another output folder.");
        if (File.Exists(Directory))
            throw new CheckpointException(Directory, "is a file, but checkpoints need a folder there. Move it away, or choose another output folder.");
        System.IO.Directory.CreateDirectory(Directory);
        foreach (string orphan in AtomicFile.DeleteOrphans(Directory))
            context.Report($"Removed {Path.Combine(Directory, orphan)}, left by a run that stopped while writing it.");
        RepairEpochCopy(context);
    }

    /// <inheritdoc/>
    public override void OnStepEnd(TrainingContext context, StepResult result)
    {
        if (EveryNSteps is int every && result.Step % every == 0 && result.Step < result.Steps)
            context.SaveCheckpoint(LastPath, WriteHook);
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, EpochMetrics metrics)
    {
        context.SaveCheckpoint(LastPath, WriteHook);
        AtomicFile.Copy(LastPath, EpochPath(metrics.Epoch), WriteHook);
    }

    /// <inheritdoc/>
    public override void OnInterrupt(TrainingContext context) => context.SaveCheckpoint(LastPath, WriteHook);

    /// <summary>
    /// When resuming from <c>last.ckpt</c> at the end of epoch N, <c>epoch-N.ckpt</c> should be its copy; a run killed
    /// while copying left it torn or missing. Copy it again.
    /// </summary>
    void RepairEpochCopy(TrainingContext context)
    {
        if (context.ResumedFrom is not string resumed || Path.GetFullPath(resumed) != Path.GetFullPath(LastPath)) return;
        var last = CheckpointFile.ReadState(LastPath);
        if (!last.EpochFinished) return;
        string copy = EpochPath(last.Epoch);
        try
        {
            var existing = CheckpointFile.ReadState(copy);
            if (existing.Epoch == last.Epoch && existing.EpochFinished) return;
        }
        catch (CheckpointException)
        {
            // missing, torn or corrupt: written again below
        }
        AtomicFile.Copy(LastPath, copy, WriteHook);
        context.Report($"Rewrote {copy} from {LastPath}: it was missing or damaged.");
    }
}

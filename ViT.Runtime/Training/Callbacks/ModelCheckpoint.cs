using ViT.IO;

namespace ViT.Training.Callbacks;

/// <summary>
/// Keeps training resumable, as Lightning's <c>ModelCheckpoint</c> with <c>save_last</c>: <c>last.ckpt</c> after every
/// epoch (and every <see cref="EveryNSteps"/> steps, and when training is interrupted), plus <c>epoch-N.ckpt</c> for each
/// finished epoch. Every file is written atomically. A default callback of <see cref="Trainer"/> (in
/// <c>OutputDirectory/checkpoints</c>); <see cref="TrainerOptions.Resume"/> resumes from its <see cref="LastPath"/>.
/// </summary>
public sealed class ModelCheckpoint : TrainerCallback
{
    /// <summary>Checkpoints in the folder that this run did not write and will not write again, removed at its first checkpoint.</summary>
    List<string> _notThisRuns = [];

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
    /// that a killed run left, restores the epoch copy of a resumed checkpoint if a crash tore it, and says which
    /// checkpoints of an earlier run this one will replace: a fresh run's <c>last.ckpt</c> and every <c>epoch-N.ckpt</c>
    /// from the epoch it starts at on, so none can be mistaken for this run's. They stay until its first checkpoint.
    /// </summary>
    public override void OnFitStart(TrainingContext context)
    {
        if (System.IO.Directory.Exists(LastPath))
            throw new CheckpointException(LastPath, "is a folder, so no checkpoint can be written there. Move it away, or choose another output folder.");
        if (File.Exists(Directory))
            throw new CheckpointException(Directory, "is a file, but checkpoints need a folder there. Move it away, or choose another output folder.");
        System.IO.Directory.CreateDirectory(Directory);
        foreach (string orphan in TemporaryFiles.DeleteOrphans(Directory))
            context.Report($"Removed {orphan}, left by a run that stopped while writing it.");
        RepairEpochCopy(context);
        NoteEarlierRun(context);
    }

    void NoteEarlierRun(TrainingContext context)
    {
        _notThisRuns = System.IO.Directory.EnumerateFiles(Directory, "epoch-*.ckpt")
            .Select(file => (File: file, Epoch: int.TryParse(Path.GetFileNameWithoutExtension(file)["epoch-".Length..], out int n) ? n : int.MaxValue))
            .Where(entry => entry.Epoch >= context.Epoch)
            .OrderBy(entry => entry.Epoch)
            .Select(entry => entry.File)
            .ToList();
        if (context.ResumedFrom is null && File.Exists(LastPath)) _notThisRuns.Insert(0, LastPath);
        if (_notThisRuns.Count == 0) return;
        context.Report(context.ResumedFrom is null
            ? $"{Directory} holds the checkpoints of an earlier run ({Names(_notThisRuns)}): this run starts from scratch and removes them at its first checkpoint. " +
              "To continue that run instead, stop now and resume it (TrainerOptions.Resume; the sample's --resume)."
            : $"{Directory} holds checkpoints of epochs this run has yet to train ({Names(_notThisRuns)}), left by an earlier run: they are removed at this run's first checkpoint.");
    }

    /// <summary>Saves <c>last.ckpt</c>; the first save of a fit first removes what an earlier run left.</summary>
    void Save(TrainingContext context)
    {
        if (_notThisRuns.Count > 0)
        {
            foreach (string file in _notThisRuns.Where(file => file != LastPath)) File.Delete(file);
            context.Report($"Removed {Names(_notThisRuns)} of an earlier run from {Directory}.");
            _notThisRuns = [];
        }
        context.SaveCheckpoint(LastPath, WriteHook);
    }

    static string Names(IEnumerable<string> files) => string.Join(", ", files.Select(Path.GetFileName));

    /// <inheritdoc/>
    public override void OnStepEnd(TrainingContext context, StepResult result)
    {
        if (EveryNSteps is int every && result.Step % every == 0 && result.Step < result.Steps)
            Save(context);
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, EpochMetrics metrics)
    {
        Save(context);
        AtomicFile.Copy(LastPath, EpochPath(metrics.Epoch), WriteHook);
    }

    /// <inheritdoc/>
    public override void OnInterrupt(TrainingContext context) => Save(context);

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

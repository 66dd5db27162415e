using System.Globalization;
using ViT.IO;
using ViT.Weights;

namespace ViT.Training.Callbacks;

/// <summary>
/// Keeps training resumable and the best epochs, as Lightning's <c>ModelCheckpoint(monitor, mode, save_top_k,
/// save_last)</c>: <c>last.ckpt</c> after every epoch (and every <see cref="EveryNSteps"/> steps, and when training is
/// interrupted), and <c>epoch-N.ckpt</c> for the finished epochs it keeps: every one by default, or the
/// <see cref="SaveTopK"/> best by <see cref="Monitor"/> (the others are deleted as they drop out), with the best epoch's
/// weights also as <c>best.safetensors</c>. Every file is written atomically. A default callback of <see cref="Trainer"/>
/// (in <c>OutputDirectory/checkpoints</c>); <see cref="TrainerOptions.Resume"/> resumes from its <see cref="LastPath"/>.
/// </summary>
public sealed class ModelCheckpoint : TrainerCallback
{
    readonly TopKCheckpoints _topK;

    /// <summary>Checkpoints in the folder that this run did not write and will not write again, removed at its first checkpoint.</summary>
    List<string> _notThisRuns = [];

    /// <summary>Checkpoints into <paramref name="directory"/>.</summary>
    /// <param name="directory">The folder of the checkpoints.</param>
    /// <param name="monitor">The value that ranks epochs (such as <c>val_acc</c>); null keeps the latest.</param>
    /// <param name="mode">Whether a lower or a higher <paramref name="monitor"/> is better.</param>
    /// <param name="saveTopK">How many epoch checkpoints to keep: -1 every one, 0 none, k the k best (or latest).</param>
    /// <param name="saveLast">Write <c>last.ckpt</c> after every epoch (Ctrl+C and <paramref name="everyNSteps"/> write it regardless: it is what a resume reads).</param>
    /// <param name="everyNSteps">Also write <c>last.ckpt</c> every this many steps inside an epoch; null at epoch ends only.</param>
    public ModelCheckpoint(string directory, string? monitor = null, MonitorMode mode = MonitorMode.Min, int saveTopK = -1, bool saveLast = true, int? everyNSteps = null)
    {
        if (everyNSteps is < 1) throw new ArgumentOutOfRangeException(nameof(everyNSteps), everyNSteps, "everyNSteps must be at least 1, or null.");
        if (saveTopK < -1) throw new ArgumentOutOfRangeException(nameof(saveTopK), saveTopK, "saveTopK must be -1 (keep every epoch), 0 (none) or the number of best epochs to keep.");
        if (monitor is not null) Metrics.MetricNames.RequireValid(monitor);
        MonitoredValue.RequireMode(mode);
        Directory = directory;
        Monitor = monitor;
        Mode = mode;
        SaveTopK = saveTopK;
        SaveLast = saveLast;
        EveryNSteps = everyNSteps;
        _topK = new TopKCheckpoints(saveTopK, mode, monitored: monitor is not null);
    }

    /// <summary>The folder of the checkpoints.</summary>
    public string Directory { get; }

    /// <summary>Also checkpoint every this many steps inside an epoch; null checkpoints at epoch ends only.</summary>
    public int? EveryNSteps { get; }

    /// <summary>The value that ranks epochs; null keeps the latest.</summary>
    public string? Monitor { get; }

    /// <summary>Whether a lower or a higher monitored value is better.</summary>
    public MonitorMode Mode { get; }

    /// <summary>Epoch checkpoints kept: -1 every one, 0 none, k the k best.</summary>
    public int SaveTopK { get; }

    /// <summary>Whether <c>last.ckpt</c> is written after every epoch.</summary>
    public bool SaveLast { get; }

    /// <summary>The kept epoch checkpoints and their monitored values, best first (Lightning's <c>best_k_models</c>).</summary>
    public IReadOnlyList<(string Path, double Score)> BestK => _topK.Kept.Select(entry => (EpochPath(entry.Epoch), entry.Score)).ToList();

    /// <summary>The checkpoint of the best epoch by <see cref="Monitor"/> (null without a monitor, or when it was not kept).</summary>
    public string? BestPath => _topK.Best is { } best && _topK.Kept.Any(entry => entry.Epoch == best.Epoch) ? EpochPath(best.Epoch) : null;

    /// <summary>The best epoch's monitored value; null before the first epoch or without a monitor.</summary>
    public double? BestScore => _topK.Best?.Score;

    /// <summary>The best epoch's weights as safetensors (timm and PyTorch load them by name), written whenever an epoch is the best so far.</summary>
    public string BestWeightsPath => Path.Combine(Directory, "best.safetensors");

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
        int? torn = RepairableEpoch(context);
        _topK.Restore(context.History.Select(m => (m.Epoch, Score(m))), epoch => epoch == torn || File.Exists(EpochPath(epoch)));
        if (torn is int epoch && _topK.Kept.Any(entry => entry.Epoch == epoch))
        {
            AtomicFile.Copy(LastPath, EpochPath(epoch), WriteHook);
            context.Report($"Rewrote {EpochPath(epoch)} from {LastPath}: it was missing or damaged.");
        }
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

    /// <summary>Saves a checkpoint to <paramref name="path"/>; the first save of a fit first removes what an earlier run left.</summary>
    void Save(TrainingContext context, string path)
    {
        if (_notThisRuns.Count > 0)
        {
            foreach (string file in _notThisRuns.Where(file => file != path)) File.Delete(file);
            context.Report($"Removed {Names(_notThisRuns)} of an earlier run from {Directory}.");
            _notThisRuns = [];
        }
        context.SaveCheckpoint(path, WriteHook);
    }

    static string Names(IEnumerable<string> files) => string.Join(", ", files.Select(Path.GetFileName));

    /// <inheritdoc/>
    public override void OnStepEnd(TrainingContext context, StepResult result)
    {
        if (EveryNSteps is int every && result.Step % every == 0 && result.Step < result.Steps)
            Save(context, LastPath);
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, EpochMetrics metrics)
    {
        var (keep, evicted, isBest) = _topK.Offer(metrics.Epoch, Score(metrics));
        if (SaveLast) Save(context, LastPath);
        if (keep)
        {
            if (SaveLast) AtomicFile.Copy(LastPath, EpochPath(metrics.Epoch), WriteHook);
            else Save(context, EpochPath(metrics.Epoch));
        }
        foreach (int epoch in evicted) File.Delete(EpochPath(epoch));
        if (isBest) SaveBestWeights(context, metrics);
    }

    /// <inheritdoc/>
    public override void OnInterrupt(TrainingContext context) => Save(context, LastPath);

    /// <summary>
    /// When resuming from <c>last.ckpt</c> at the end of epoch N, <c>epoch-N.ckpt</c> should be its copy if N is kept; a
    /// run killed while copying left it torn or missing. Returns N when that may be so, else null.
    /// </summary>
    int? RepairableEpoch(TrainingContext context)
    {
        if (context.ResumedFrom is not string resumed || Path.GetFullPath(resumed) != Path.GetFullPath(LastPath)) return null;
        var last = CheckpointFile.ReadState(LastPath);
        if (!last.EpochFinished) return null;
        try
        {
            var existing = CheckpointFile.ReadState(EpochPath(last.Epoch));
            if (existing.Epoch == last.Epoch && existing.EpochFinished) return null;
        }
        catch (CheckpointException)
        {
            // missing, torn or corrupt: written again if the epoch is kept
        }
        return last.Epoch;
    }

    double Score(EpochMetrics metrics) => Monitor is null ? double.NaN : MonitoredValue.Read(metrics, Monitor, nameof(ModelCheckpoint));

    void SaveBestWeights(TrainingContext context, EpochMetrics metrics)
    {
        ModelWeights.Save(context.Model, BestWeightsPath, new Dictionary<string, string>
        {
            ["epoch"] = metrics.Epoch.ToString(CultureInfo.InvariantCulture),
            ["monitor"] = Monitor!,
            [Monitor!] = Score(metrics).ToString("R", CultureInfo.InvariantCulture),
        });
    }
}

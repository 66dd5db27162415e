namespace ViT.Training;

/// <summary>
/// Refuses to resume a checkpoint under options, or on data, that would silently make the continued run a different one
/// from the run that wrote it. A longer run at a constant rate, another device and the data moved elsewhere are fine.
/// </summary>
internal static class ResumeCheck
{
    /// <summary>Throws when <paramref name="saved"/> cannot continue under <paramref name="current"/> on <paramref name="data"/> (null: data not checked).</summary>
    public static void Require(string checkpointPath, CheckpointState saved, TrainerOptions current, CheckpointData? data)
    {
        var differences = Differences(saved.Options, current).ToList();
        if (differences.Count > 0)
            throw new CheckpointException(checkpointPath,
                $"it was written by a run with other options ({string.Join("; ", differences)}). " +
                "Resume with the checkpoint's values, or train from scratch into another output folder.");
        if (saved.Data is null || data is null) return; // written before checkpoints recorded their data
        var dataDifferences = Differences(saved.Data, data).ToList();
        if (dataDifferences.Count > 0)
            throw new CheckpointException(checkpointPath,
                $"it was trained on other data ({string.Join("; ", dataDifferences)}); continuing would mix the two. " +
                "Resume on the data it trained on (the same data folder, --limit and transforms), or train from scratch into another output folder.");
    }

    static IEnumerable<string> Differences(CheckpointData saved, CheckpointData current)
    {
        if (saved.Count != current.Count)
            yield return FormattableString.Invariant($"checkpoint {saved.Count:N0} images ({saved.Source}), this run {current.Count:N0} ({current.Source})");
        else if (saved.Fingerprint != current.Fingerprint)
            yield return FormattableString.Invariant($"the same {current.Count:N0} images in number but other images or labels: checkpoint {saved.Source} (fingerprint {saved.Fingerprint}), this run {current.Source} ({current.Fingerprint})");
        if (saved.Transforms != current.Transforms)
            yield return $"transforms: checkpoint {saved.Transforms}, this run {current.Transforms}";
    }

    static IEnumerable<string> Differences(CheckpointOptions saved, TrainerOptions current)
    {
        // The batch size and the seed decide which images the rest of a half-done epoch, and every later one, sees.
        if (saved.BatchSize != current.BatchSize) yield return Difference(nameof(current.BatchSize), saved.BatchSize, current.BatchSize);
        if (saved.Seed != current.Seed) yield return Difference(nameof(current.Seed), saved.Seed, current.Seed);
        // The optimizer's saved state brings its own rate back, so a new one would be ignored without a word.
        if (current.Optimizer is null && saved.LearningRate != current.LearningRate)
            yield return Difference(nameof(current.LearningRate), saved.LearningRate, current.LearningRate);
        if (saved.Schedule != current.Schedule) yield return Difference(nameof(current.Schedule), saved.Schedule, current.Schedule);
        // Cosine decay is laid out over the whole run: another length would jump the rate mid-run.
        else if (current.Schedule == LearningRateSchedule.Cosine && saved.Epochs != current.Epochs)
            yield return Difference($"{nameof(current.Epochs)} (the cosine schedule spans them)", saved.Epochs, current.Epochs);
    }

    static string Difference(string option, object saved, object current) =>
        FormattableString.Invariant($"{option}: checkpoint {saved}, this run {current}");
}

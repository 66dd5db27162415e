namespace ViT.Training;

/// <summary>
/// Refuses to resume a checkpoint under options that would silently make the continued run a different one
/// from the run that wrote it. A longer run at a constant rate and another device are fine.
/// </summary>
internal static class ResumeCheck
{
    public static void Require(string checkpointPath, CheckpointOptions saved, TrainerOptions current)
    {
        var differences = Differences(saved, current).ToList();
        if (differences.Count == 0) return;
        throw new CheckpointException(checkpointPath,
            $"it was written by a run with other options ({string.Join("; ", differences)}). " +
            "Resume with the checkpoint's values, or train from scratch into another output folder.");
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

namespace ViT.Training;

/// <summary>One line per <c>LogEveryNSteps</c> steps and one per epoch: for redirected output and CI logs.</summary>
public sealed class PlainProgressReporter(TextWriter output, int logEveryNSteps) : IProgressReporter
{
    /// <inheritdoc/>
    public void Message(string text) => output.WriteLine(text);

    /// <inheritdoc/>
    public void Step(TrainingProgress progress)
    {
        if (progress.Step % logEveryNSteps == 0 || progress.Step == progress.Steps)
            output.WriteLine($"epoch {progress.Epoch}/{progress.Epochs} step {ProgressFormat.Step(progress)}");
    }

    /// <inheritdoc/>
    public void Progress(string activity, int done, int total)
    {
        // A line at the start, at each quarter and at the end: enough for a log to show the work moving.
        if (done == 1 || done == total || (total >= 8 && done % (total / 4) == 0))
            output.WriteLine($"{activity} {done}/{total}");
    }

    /// <inheritdoc/>
    public void EpochEnd(EpochMetrics metrics, int epochs) => output.WriteLine(ProgressFormat.Epoch(metrics, epochs));
}

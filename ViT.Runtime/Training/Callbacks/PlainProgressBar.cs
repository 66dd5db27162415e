namespace ViT.Training.Callbacks;

/// <summary>One line every <c>logEveryNSteps</c> global steps (when the trainer has just read them) and one per epoch: for redirected output and CI logs.</summary>
public sealed class PlainProgressBar(TextWriter output, int logEveryNSteps) : ProgressBar
{
    long _globalStep;

    /// <inheritdoc/>
    protected override void ShowMessage(string message) => output.WriteLine(message);

    /// <inheritdoc/>
    public override void OnStepEnd(TrainingContext context, StepResult result)
    {
        _globalStep = result.GlobalStep;
        base.OnStepEnd(context, result);
    }

    /// <inheritdoc/>
    protected override void ShowStep(TrainingProgress progress, string text)
    {
        if (_globalStep % logEveryNSteps == 0 || progress.Step == progress.Steps)
            output.WriteLine($"epoch {progress.Epoch}/{progress.Epochs} step {text}");
    }

    /// <inheritdoc/>
    protected override void ShowEvaluation(string activity, int done, int total)
    {
        // A line at the start, at each quarter and at the end: enough for a log to show the work moving.
        if (done == 1 || done == total || (total >= 8 && done % (total / 4) == 0))
            output.WriteLine($"{activity} {done}/{total}");
    }

    /// <inheritdoc/>
    protected override void ShowEpoch(EpochMetrics metrics, string text) => output.WriteLine(text);
}

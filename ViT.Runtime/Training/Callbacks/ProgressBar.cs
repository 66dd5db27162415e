using ViT.Training.Metrics;

namespace ViT.Training.Callbacks;

/// <summary>
/// Shows training as it happens, as Lightning's progress bar callbacks do: the reports (model summary, resume, early
/// stop), each step's running values, each epoch's row, and evaluation progress. A default callback of
/// <see cref="Trainer"/> (<see cref="ForConsole"/>); one of your own derived from this replaces it, and
/// <see cref="TrainerOptions.EnableProgressBar"/> false leaves it out. It never makes the trainer read from the device:
/// a step shows the values as last read (<see cref="StepResult.LastRead"/>).
/// </summary>
public abstract class ProgressBar : TrainerCallback
{
    IReadOnlyList<Metric> _metrics = [new MeanLoss(), new Accuracy()];

    /// <summary>A line for the user.</summary>
    protected abstract void ShowMessage(string message);

    /// <summary>The epoch so far, after every step.</summary>
    protected abstract void ShowStep(TrainingProgress progress, string text);

    /// <summary>A finished epoch's row.</summary>
    protected abstract void ShowEpoch(EpochMetrics metrics, string text);

    /// <summary>Progress of an evaluation.</summary>
    protected abstract void ShowEvaluation(string activity, int done, int total);

    /// <inheritdoc/>
    public override void OnFitStart(TrainingContext context) => _metrics = context.Metrics;

    /// <inheritdoc/>
    public override void OnReport(Trainer trainer, string message) => ShowMessage(message);

    /// <inheritdoc/>
    public override void OnStepEnd(TrainingContext context, StepResult result) => ShowStep(result.LastRead, ProgressFormat.Step(result.LastRead, _metrics));

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, EpochMetrics metrics) =>
        ShowEpoch(metrics, ProgressFormat.Epoch(metrics, context.Trainer.Options.Epochs, _metrics));

    /// <inheritdoc/>
    public override void OnEvaluationProgress(Trainer trainer, string activity, int done, int total) => ShowEvaluation(activity, done, total);

    /// <summary>The bar for this process: live on a terminal, plain lines every <paramref name="logEveryNSteps"/> steps when output is redirected or <c>CI</c> is set.</summary>
    public static ProgressBar ForConsole(int logEveryNSteps) =>
        Console.IsOutputRedirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
            ? new PlainProgressBar(Console.Out, logEveryNSteps)
            : new LiveProgressBar(Console.Out);
}

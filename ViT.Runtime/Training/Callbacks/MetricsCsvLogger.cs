namespace ViT.Training.Callbacks;

/// <summary>Writes the history to a CSV file after every epoch (<see cref="MetricsCsv"/>); a default callback of <see cref="Trainer"/>.</summary>
/// <param name="path">The CSV file, replaced after each epoch with every epoch so far.</param>
public sealed class MetricsCsvLogger(string path) : TrainerCallback
{
    /// <summary>The CSV file.</summary>
    public string Path { get; } = path;

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, EpochMetrics metrics) => MetricsCsv.Write(Path, context.History);
}

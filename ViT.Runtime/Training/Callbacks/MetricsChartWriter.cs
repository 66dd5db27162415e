using ViT.Imaging;

namespace ViT.Training.Callbacks;

/// <summary>Draws the training curves (<see cref="MetricsChart"/>) after every epoch; a default callback of <see cref="Trainer"/>.</summary>
/// <param name="path">The PNG file, replaced after each epoch.</param>
public sealed class MetricsChartWriter(string path) : TrainerCallback
{
    /// <summary>The PNG file.</summary>
    public string Path { get; } = path;

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, EpochMetrics metrics) => MetricsChart.Draw(context.History, context.Metrics).Save(Path);
}

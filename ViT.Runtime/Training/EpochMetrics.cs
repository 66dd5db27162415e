using System.Text.Json.Serialization;
using ViT.Training.Metrics;

namespace ViT.Training;

/// <summary>
/// What one epoch achieved: every named value measured or logged for it (<c>train_loss</c>, <c>train_acc</c>,
/// <c>val_loss</c>, <c>val_acc</c>, any other metric's, and what callbacks logged), the row the CSV, the charts, the
/// progress bar, TensorBoard and checkpoints show.
/// </summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Values">The epoch's values by name (<see cref="MetricNames"/>), training first, then validation, then logged ones.</param>
/// <param name="Seconds">Training time of the epoch (validation excluded).</param>
/// <param name="ImagesPerSecond">Training throughput of the epoch.</param>
public sealed record EpochMetrics(int Epoch, IReadOnlyDictionary<string, double> Values, double Seconds, double ImagesPerSecond)
{
    /// <summary>The value named <paramref name="name"/>; throws naming the values there are when it is missing.</summary>
    public double this[string name] => Values.TryGetValue(name, out double value)
        ? value
        : throw new KeyNotFoundException($"Epoch {Epoch} has no value named '{name}'; it has {string.Join(", ", Values.Keys)}.");

    /// <summary>Mean loss over the epoch's training steps.</summary>
    [JsonIgnore] public double TrainLoss => Get(MetricNames.TrainLoss);

    /// <summary>Fraction of training images classified right during the epoch; NaN without an <see cref="Accuracy"/> metric.</summary>
    [JsonIgnore] public double TrainAccuracy => Get(MetricNames.TrainAccuracy);

    /// <summary>Mean loss on the validation set after the epoch; NaN without one.</summary>
    [JsonIgnore] public double ValidationLoss => Get(MetricNames.ValidationLoss);

    /// <summary>Validation accuracy after the epoch; NaN without a validation set or an <see cref="Accuracy"/> metric.</summary>
    [JsonIgnore] public double ValidationAccuracy => Get(MetricNames.ValidationAccuracy);

    double Get(string name) => Values.GetValueOrDefault(name, double.NaN);
}

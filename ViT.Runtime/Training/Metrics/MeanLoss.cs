using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Training.Metrics;

/// <summary>
/// The objective's mean loss over the examples (each batch's mean weighted by its size): <c>train_loss</c>, <c>val_loss</c>.
/// The trainer always measures it, first, whatever <see cref="TrainerOptions.Metrics"/> holds.
/// </summary>
public sealed class MeanLoss() : Metric(MetricNames.Loss)
{
    /// <inheritdoc/>
    public override Tensor Update(MetricBatch batch)
    {
        // The float32 loss widened and multiplied in float64: the same sums as adding batch.Loss.item() * size on the host.
        double size = batch.Count;
        return torch.stack([batch.Loss.detach().to(ScalarType.Float64) * size, Constant(size, batch.Loss.device)]);
    }

    /// <inheritdoc/>
    public override IEnumerable<KeyValuePair<string, double>> Compute(IReadOnlyList<double> sums) =>
        [new(Name, Ratio(sums[0], sums[1]))];
}

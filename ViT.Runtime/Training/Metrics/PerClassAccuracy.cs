using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Training.Metrics;

/// <summary>
/// Each class's accuracy (recall): of the examples labelled c, the fraction the arg max calls c. A family, one value per
/// class: <c>val_class_acc/0</c> … <c>val_class_acc/9</c> (NaN for a class without examples).
/// </summary>
public sealed class PerClassAccuracy() : Metric("class_acc")
{
    /// <inheritdoc/>
    public override MetricFormat Format => MetricFormat.Percent;

    /// <inheritdoc/>
    public override Tensor Update(MetricBatch batch)
    {
        long classes = batch.Output.shape[1];
        var right = batch.Output.argmax(1).eq(batch.Labels).to(ScalarType.Float64);
        var correct = torch.zeros(classes, ScalarType.Float64, batch.Output.device).index_add_(0, batch.Labels, right, 1);
        var seen = torch.zeros(classes, ScalarType.Float64, batch.Output.device).index_add_(0, batch.Labels, torch.ones_like(right), 1);
        return torch.cat([correct, seen]);
    }

    /// <inheritdoc/>
    public override IEnumerable<KeyValuePair<string, double>> Compute(IReadOnlyList<double> sums)
    {
        int classes = sums.Count / 2;
        for (int c = 0; c < classes; c++) yield return new(MetricNames.Element(Name, c), Ratio(sums[c], sums[classes + c]));
    }
}

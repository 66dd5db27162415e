using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Training.Metrics;

/// <summary>
/// The fraction of examples whose label is among the <see cref="TopK"/> largest outputs: <c>acc</c> for the usual
/// top-1 (the arg max is the label), <c>acc_top5</c> for top-5.
/// </summary>
public sealed class Accuracy : Metric
{
    /// <summary>Counts an example as right when its label is among the <paramref name="topK"/> largest outputs.</summary>
    public Accuracy(int topK = 1) : base(topK == 1 ? MetricNames.Accuracy : $"{MetricNames.Accuracy}_top{topK}")
    {
        if (topK < 1) throw new ArgumentOutOfRangeException(nameof(topK), topK, "topK must be at least 1: 1 for the usual accuracy, 5 for top-5.");
        TopK = topK;
    }

    /// <summary>How many of the largest outputs may hold the label.</summary>
    public int TopK { get; }

    /// <inheritdoc/>
    public override MetricFormat Format => MetricFormat.Percent;

    /// <inheritdoc/>
    public override Tensor Update(MetricBatch batch)
    {
        var right = TopK == 1
            ? batch.Output.argmax(1).eq(batch.Labels)
            : batch.Output.topk(TopK, dim: 1).indexes.eq(batch.Labels.unsqueeze(1)).any(1);
        return torch.stack([right.sum().to(ScalarType.Float64), Constant(batch.Count, batch.Output.device)]);
    }

    /// <inheritdoc/>
    public override IEnumerable<KeyValuePair<string, double>> Compute(IReadOnlyList<double> sums) =>
        [new(Name, Ratio(sums[0], sums[1]))];
}

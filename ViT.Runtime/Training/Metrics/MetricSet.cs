using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Training.Metrics;

/// <summary>
/// The metrics a trainer measures, the loss first: one device tensor of all their sums per batch, and the named values of
/// sums read back. The layout (each metric's number of sums) is fixed by the first batch.
/// </summary>
internal sealed class MetricSet
{
    readonly Metric[] _metrics;
    int[]? _lengths;

    public MetricSet(IEnumerable<Metric> metrics)
    {
        _metrics = [new MeanLoss(), .. metrics];
        var duplicate = _metrics.GroupBy(metric => metric.Name).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Two metrics are named '{duplicate.Key}' ({string.Join(", ", duplicate.Select(m => m.GetType().Name))}); "
                + "each name must be unique, and the loss is always measured.", nameof(metrics));
    }

    /// <summary>The metrics, the loss first.</summary>
    public IReadOnlyList<Metric> Metrics => _metrics;

    /// <summary>The metrics' names, as a checkpoint records them.</summary>
    public IReadOnlyList<string> Names => _metrics.Select(metric => metric.Name).ToArray();

    /// <summary>Every metric's sums for the batch, one after the other in a float64 tensor on the batch's device.</summary>
    public Tensor Update(MetricBatch batch)
    {
        var parts = _metrics.Select(metric => metric.Update(batch).to(ScalarType.Float64).flatten()).ToArray();
        int[] lengths = parts.Select(part => (int)part.shape[0]).ToArray();
        _lengths ??= lengths;
        for (int i = 0; i < _metrics.Length; i++)
            if (lengths[i] != _lengths[i])
                throw new InvalidOperationException($"Metric '{_metrics[i].Name}' returned {lengths[i]} sums for this batch and {_lengths[i]} for the first; Update must return as many for every batch.");
        return torch.cat(parts);
    }

    /// <summary>A row of <see cref="Update"/>'s values cut into each metric's sums; copies.</summary>
    public MetricSums Split(ReadOnlySpan<double> row)
    {
        var lengths = _lengths ?? throw new InvalidOperationException("No batch has been measured yet.");
        var parts = new double[_metrics.Length][];
        int offset = 0;
        for (int i = 0; i < parts.Length; offset += lengths[i], i++) parts[i] = row.Slice(offset, lengths[i]).ToArray();
        return new MetricSums(parts);
    }

    /// <summary>The named values of <paramref name="sums"/>, each name prefixed with <paramref name="prefix"/> (<c>train_</c>, <c>val_</c>, or none); none before the first batch.</summary>
    public IReadOnlyDictionary<string, double> Values(MetricSums sums, string prefix = "")
    {
        var values = new OrderedDictionary<string, double>(StringComparer.Ordinal);
        if (sums.IsEmpty) return values;
        for (int i = 0; i < _metrics.Length; i++)
            foreach (var (name, value) in _metrics[i].Compute(sums.Parts[i])) values[prefix + name] = value;
        return values;
    }

    /// <summary>The mean loss the sums hold (their first metric's value).</summary>
    public static double MeanLossOf(MetricSums sums) => sums.Parts[0][1] > 0 ? sums.Parts[0][0] / sums.Parts[0][1] : double.NaN;
}

using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Training.Metrics;

/// <summary>
/// How many examples of each label the arg max gave each class: a family of counts named <c>confusion/label/predicted</c>
/// (<c>val_confusion/4/9</c>: fours called nines). <see cref="Read"/> turns a row of values back into the matrix.
/// </summary>
public sealed class ConfusionMatrix() : Metric("confusion")
{
    /// <inheritdoc/>
    public override Tensor Update(MetricBatch batch)
    {
        long classes = batch.Output.shape[1];
        var cell = batch.Labels * classes + batch.Output.argmax(1);
        return torch.zeros(classes * classes, ScalarType.Float64, batch.Output.device)
            .index_add_(0, cell, torch.ones(cell.shape[0], ScalarType.Float64, cell.device), 1);
    }

    /// <inheritdoc/>
    public override IEnumerable<KeyValuePair<string, double>> Compute(IReadOnlyList<double> sums)
    {
        int classes = (int)Math.Round(Math.Sqrt(sums.Count));
        for (int label = 0; label < classes; label++)
            for (int predicted = 0; predicted < classes; predicted++)
                yield return new(MetricNames.Element(Name, $"{label}/{predicted}"), sums[label * classes + predicted]);
    }

    /// <summary>
    /// The matrix (rows: labels, columns: predictions) held in <paramref name="values"/> under <paramref name="prefix"/>
    /// (<c>val_</c> or <c>train_</c>), such as an <see cref="EpochMetrics.Values"/> row.
    /// </summary>
    public static long[,] Read(IReadOnlyDictionary<string, double> values, string prefix = MetricNames.ValidationPrefix)
    {
        string family = prefix + "confusion" + MetricNames.FamilySeparator;
        var cells = values.Where(pair => pair.Key.StartsWith(family, StringComparison.Ordinal)).ToList();
        if (cells.Count == 0)
            throw new KeyNotFoundException($"no {family}* values: add a ConfusionMatrix to TrainerOptions.Metrics.");
        int classes = (int)Math.Round(Math.Sqrt(cells.Count));
        var matrix = new long[classes, classes];
        foreach (var (name, count) in cells)
        {
            string[] position = name[family.Length..].Split(MetricNames.FamilySeparator);
            matrix[int.Parse(position[0]), int.Parse(position[1])] = (long)count;
        }
        return matrix;
    }
}

namespace ViT.Benchmarks.Timing;

/// <summary>Order statistics of timing samples: medians and quantiles resist the outliers a shared machine produces.</summary>
public static class Statistics
{
    /// <summary>The median, interpolated between the middle two for an even count.</summary>
    public static double Median(IReadOnlyList<double> values) => Quantile(values, 0.5);

    /// <summary>The <paramref name="q"/>-quantile (0..1), interpolated linearly between order statistics.</summary>
    public static double Quantile(IReadOnlyList<double> values, double q)
    {
        if (values.Count == 0) throw new ArgumentException("no samples", nameof(values));
        var sorted = values.Order().ToArray();
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /// <summary>The median of the ratios <c>values[i] / baseline[i]</c> of samples taken side by side.</summary>
    public static double MedianRatio(IReadOnlyList<double> values, IReadOnlyList<double> baseline) =>
        Median(values.Zip(baseline, (v, b) => v / b).ToArray());
}

namespace ViT.Training.Metrics;

/// <summary>Each metric's sums over some batches, in the order of the trainer's metrics (the loss first); they add up.</summary>
internal sealed class MetricSums(double[][] parts)
{
    /// <summary>One array of sums per metric.</summary>
    public double[][] Parts { get; } = parts;

    /// <summary>No batch yet: each metric's sums unknown until one is read.</summary>
    public static MetricSums None { get; } = new([]);

    /// <summary>Whether any batch was added.</summary>
    public bool IsEmpty => Parts.Length == 0;

    /// <summary>These sums plus <paramref name="other"/>'s, element by element in this order (so a run's sums are the same however often it was read).</summary>
    public MetricSums Plus(MetricSums other)
    {
        if (IsEmpty) return other;
        if (other.IsEmpty) return this;
        return new(Parts.Select((part, i) => part.Select((sum, j) => sum + other.Parts[i][j]).ToArray()).ToArray());
    }
}

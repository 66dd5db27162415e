namespace ViT.Training.Callbacks;

/// <summary>How <see cref="EarlyStopping"/> and <see cref="ModelCheckpoint"/> read and compare the value they monitor.</summary>
internal static class MonitoredValue
{
    /// <summary>The epoch's value of <paramref name="monitor"/>; throws naming the values there are when it has none.</summary>
    public static double Read(EpochMetrics metrics, string monitor, string callback) =>
        metrics.Values.TryGetValue(monitor, out double value)
            ? value
            : throw new InvalidOperationException($"{callback} monitors '{monitor}', which epoch {metrics.Epoch} does not have; it has "
                + $"{string.Join(", ", metrics.Values.Keys)}. Monitor one of those (val_ values need a validation set; other metrics go in TrainerOptions.Metrics).");

    /// <summary>Whether <paramref name="value"/> beats <paramref name="best"/> by more than <paramref name="minDelta"/>; NaN never does.</summary>
    public static bool Improves(double value, double best, MonitorMode mode, double minDelta = 0) =>
        !double.IsNaN(value) && (double.IsNaN(best) || (mode == MonitorMode.Min ? value < best - minDelta : value > best + minDelta));

    public static void RequireMode(MonitorMode mode)
    {
        if (!Enum.IsDefined(mode)) throw new ArgumentOutOfRangeException(nameof(mode), mode, "mode must be MonitorMode.Min (a loss) or MonitorMode.Max (an accuracy).");
    }
}

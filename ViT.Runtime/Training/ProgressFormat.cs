using System.Globalization;
using ViT.Training.Metrics;

namespace ViT.Training;

/// <summary>The wording shared by the progress bars, so a log line and the live bar say the same thing.</summary>
internal static class ProgressFormat
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary><c>100/938  loss 0.7857  acc 76.4 %  659 img/s  ETA 1:21</c>: the running training values without their prefix.</summary>
    public static string Step(TrainingProgress p, IReadOnlyList<Metric> metrics)
    {
        var values = Shown(p.Values).Select(pair => $"{Short(pair.Key)} {Value(pair.Key, pair.Value, metrics, percentDigits: 1)}");
        // Before the epoch's first read (see PendingSteps) the running figures are not known yet.
        string known = p.Values.Count == 0 ? "loss -" : string.Join("  ", values);
        return string.Create(Invariant, $"{p.Step}/{p.Steps}  {known}  {p.ImagesPerSecond:N0} img/s  ETA {Duration(p.Remaining)}");
    }

    /// <summary><c>epoch 1/5  train_loss 0.2194  train_acc 93.30 %  val_loss 0.0842  val_acc 97.45 %  1:05  922 img/s</c>.</summary>
    public static string Epoch(EpochMetrics m, int epochs, IReadOnlyList<Metric> metrics)
    {
        var values = Shown(m.Values).Select(pair => $"{pair.Key} {Value(pair.Key, pair.Value, metrics, percentDigits: 2)}");
        return string.Create(Invariant, $"epoch {m.Epoch}/{epochs}  {string.Join("  ", values)}  {Duration(TimeSpan.FromSeconds(m.Seconds))}  {m.ImagesPerSecond:N0} img/s");
    }

    public static string Duration(TimeSpan t) =>
        t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", Invariant) : t.ToString(@"m\:ss", Invariant);

    /// <summary>The values a line shows: families (per-class values, matrices) are for the CSV and TensorBoard.</summary>
    static IEnumerable<KeyValuePair<string, double>> Shown(IReadOnlyDictionary<string, double> values) =>
        values.Where(pair => !MetricNames.IsFamilyElement(pair.Key));

    static string Short(string name) => name.StartsWith(MetricNames.TrainPrefix, StringComparison.Ordinal) ? name[MetricNames.TrainPrefix.Length..] : name;

    /// <summary>The value as its metric wants it shown: the metric whose name ends the value's (<c>val_acc_top5</c> is <c>acc_top5</c>'s).</summary>
    static string Value(string name, double value, IReadOnlyList<Metric> metrics, int percentDigits)
    {
        if (double.IsNaN(value)) return "-";
        var metric = metrics.Where(m => name == m.Name || name.EndsWith("_" + m.Name, StringComparison.Ordinal)).MaxBy(m => m.Name.Length);
        return metric?.Format == MetricFormat.Percent
            ? value.ToString("P" + percentDigits, Invariant)
            : value.ToString(Math.Abs(value) >= 1e-3 || value == 0 ? "0.0000" : "0.###e+0", Invariant);
    }
}

using System.Globalization;
using System.Text;
using ViT.IO;
using ViT.Training.Metrics;

namespace ViT.Training;

/// <summary>
/// Writes the per-epoch metrics as CSV, one row per epoch, invariant culture: <c>epoch</c>, every value of the rows
/// under its name (<c>train_loss,train_acc,val_loss,val_acc</c> by default, then any other metric's and logged value's,
/// in the order they first appear), then <c>seconds,images_per_second</c>. A value an epoch lacks is an empty cell.
/// </summary>
public static class MetricsCsv
{
    /// <summary>The header's columns for <paramref name="history"/>.</summary>
    public static IReadOnlyList<string> Columns(IEnumerable<EpochMetrics> history) =>
        [MetricNames.Epoch, .. history.SelectMany(m => m.Values.Keys).Distinct(), MetricNames.Seconds, MetricNames.ImagesPerSecond];

    /// <summary>Writes <paramref name="history"/> to <paramref name="path"/>, replacing the file atomically.</summary>
    public static void Write(string path, IReadOnlyList<EpochMetrics> history)
    {
        var columns = Columns(history);
        var values = columns.Skip(1).SkipLast(2).ToArray();
        var text = new StringBuilder().AppendLine(string.Join(',', columns));
        foreach (var m in history)
        {
            var cells = values.Select(name => m.Values.TryGetValue(name, out double value) ? value.ToString("R", CultureInfo.InvariantCulture) : "");
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{m.Epoch},{string.Join(',', cells)},{m.Seconds:F3},{m.ImagesPerSecond:F1}"));
        }
        AtomicFile.WriteAllText(path, text.ToString());
    }
}

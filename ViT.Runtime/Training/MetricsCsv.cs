using System.Globalization;
using System.Text;
using ViT.IO;

namespace ViT.Training;

/// <summary>Writes the per-epoch metrics as CSV with a header row, invariant culture, one row per epoch.</summary>
public static class MetricsCsv
{
    /// <summary>The header row.</summary>
    public const string Header = "epoch,train_loss,train_accuracy,val_loss,val_accuracy,seconds,images_per_second";

    /// <summary>Writes <paramref name="history"/> to <paramref name="path"/>, replacing the file atomically.</summary>
    public static void Write(string path, IEnumerable<EpochMetrics> history)
    {
        var text = new StringBuilder().AppendLine(Header);
        foreach (var m in history)
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{m.Epoch},{m.TrainLoss:R},{m.TrainAccuracy:R},{m.ValidationLoss:R},{m.ValidationAccuracy:R},{m.Seconds:F3},{m.ImagesPerSecond:F1}"));
        AtomicFile.WriteAllText(path, text.ToString());
    }
}

using System.Globalization;

namespace ViT.Training;

/// <summary>The wording shared by the progress reporters, so a log line and the live bar say the same thing.</summary>
internal static class ProgressFormat
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Step(TrainingProgress p) => string.Create(Invariant,
        $"{p.Step}/{p.Steps}  loss {Known(p.RunningLoss, "F4")}  acc {Known(p.RunningAccuracy, "P1")}  {p.ImagesPerSecond:N0} img/s  ETA {Duration(p.Remaining)}");

    // Before the epoch's first read (see PendingSteps) the running figures are not known yet.
    static string Known(double value, string format) => double.IsNaN(value) ? "-" : value.ToString(format, Invariant);

    public static string Epoch(EpochMetrics m, int epochs) => string.Create(Invariant,
        $"epoch {m.Epoch}/{epochs}  train_loss {m.TrainLoss:F4}  train_acc {m.TrainAccuracy:P2}  val_loss {m.ValidationLoss:F4}  val_acc {m.ValidationAccuracy:P2}  {Duration(TimeSpan.FromSeconds(m.Seconds))}  {m.ImagesPerSecond:N0} img/s");

    public static string Duration(TimeSpan t) =>
        t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", Invariant) : t.ToString(@"m\:ss", Invariant);
}

namespace ViT.Training.Metrics;

/// <summary>
/// The one place for the names under which values reach the CSV, TensorBoard, the charts, the progress bar, checkpoints
/// and callbacks. They are Lightning's: a metric named <c>acc</c> is logged as <c>train_acc</c> while training and
/// <c>val_acc</c> after validation. A name with a <c>/</c> is one element of a family (<c>val_class_acc/3</c>,
/// <c>lr-AdamW/pg2</c>): the CSV and TensorBoard show every element, the progress bar and the charts leave families out.
/// </summary>
public static class MetricNames
{
    /// <summary>The loss the trainer minimises: <c>train_loss</c>, <c>val_loss</c>.</summary>
    public const string Loss = "loss";

    /// <summary>Top-1 accuracy: <c>train_acc</c>, <c>val_acc</c>.</summary>
    public const string Accuracy = "acc";

    /// <summary>The prefix of values measured while training.</summary>
    public const string TrainPrefix = "train_";

    /// <summary>The prefix of values measured on the validation set after each epoch.</summary>
    public const string ValidationPrefix = "val_";

    /// <summary>The training loss of an epoch, or the mean over a logging interval.</summary>
    public const string TrainLoss = TrainPrefix + Loss;

    /// <summary>The training accuracy of an epoch, or over a logging interval.</summary>
    public const string TrainAccuracy = TrainPrefix + Accuracy;

    /// <summary>The validation loss after an epoch.</summary>
    public const string ValidationLoss = ValidationPrefix + Loss;

    /// <summary>The validation accuracy after an epoch.</summary>
    public const string ValidationAccuracy = ValidationPrefix + Accuracy;

    /// <summary>The 0-based epoch, logged at every logging point as Lightning does.</summary>
    public const string Epoch = "epoch";

    /// <summary>The CSV column of an epoch's training seconds.</summary>
    public const string Seconds = "seconds";

    /// <summary>The CSV column of an epoch's training throughput.</summary>
    public const string ImagesPerSecond = "images_per_second";

    /// <summary>Separates a family's name from its element's: <c>class_acc/3</c>.</summary>
    public const char FamilySeparator = '/';

    /// <summary><paramref name="metric"/> as measured while training: <c>train_acc</c>.</summary>
    public static string Train(string metric) => TrainPrefix + metric;

    /// <summary><paramref name="metric"/> as measured on the validation set: <c>val_acc</c>.</summary>
    public static string Validation(string metric) => ValidationPrefix + metric;

    /// <summary>Element <paramref name="element"/> of the family <paramref name="family"/>: <c>class_acc/3</c>.</summary>
    public static string Element(string family, object element) =>
        FormattableString.Invariant($"{family}{FamilySeparator}{element}");

    /// <summary>Whether <paramref name="name"/> is one element of a family, which the progress bar and the charts leave out.</summary>
    public static bool IsFamilyElement(string name) => name.Contains(FamilySeparator);

    /// <summary>Lightning's learning-rate name: <c>lr-AdamW</c>, or <c>lr-AdamW/pg2</c> for the second of several parameter groups.</summary>
    public static string LearningRate(string optimizer, int group, int groups) =>
        groups == 1 ? $"lr-{optimizer}" : Element($"lr-{optimizer}", $"pg{group + 1}");

    /// <summary>Throws when <paramref name="name"/> cannot name a metric: empty, or with characters a CSV header or a file name would mangle.</summary>
    public static void RequireValid(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '/' or '.')))
            throw new ArgumentException($"'{name}' cannot name a metric: use letters, digits, '_', '-', '.' and '/' only, such as \"acc_top5\".", nameof(name));
    }
}

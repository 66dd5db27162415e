using System.Globalization;
using TorchSharp;
using TorchSharp.Modules;
using ViT.Imaging;

namespace ViT.Training.Callbacks;

/// <summary>
/// Writes TensorBoard event files with TorchSharp's <c>SummaryWriter</c>, in the layout Lightning's TensorBoardLogger uses
/// (<c>DIRECTORY/version_N/events.out.tfevents.*</c>, a new version per fit) and under the same names as every other
/// output (<see cref="Metrics.MetricNames"/>): at each logging point (<see cref="TrainerOptions.LogEveryNSteps"/>) the
/// interval's <c>train_loss</c>, <c>train_acc</c>, …, <c>epoch</c> and what callbacks logged (such as
/// <see cref="LearningRateMonitor"/>'s <c>lr-Adam</c>); after each epoch the rest of its row (<c>val_loss</c>,
/// <c>val_acc</c>, …). The x axis is the global step. <see cref="LogImage"/> adds pictures such as the predictions grid.
/// View with <c>tensorboard --logdir DIRECTORY</c>.
/// </summary>
public sealed class TensorBoardLogger(string directory) : TrainerCallback
{
    SummaryWriter? _writer;
    readonly HashSet<string> _loggedAtSteps = [];

    /// <summary>The folder holding the <c>version_N</c> runs.</summary>
    public string Directory { get; } = directory;

    /// <summary>The folder of the current (or last) fit's event file: <c>version_N</c>.</summary>
    public string? VersionDirectory { get; private set; }

    /// <inheritdoc/>
    public override void OnFitStart(TrainingContext context)
    {
        int version = System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.GetDirectories(Directory, "version_*")
                .Select(folder => int.TryParse(Path.GetFileName(folder)["version_".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n + 1 : 0)
                .DefaultIfEmpty(0).Max()
            : 0;
        VersionDirectory = Path.Combine(Directory, $"version_{version}");
        System.IO.Directory.CreateDirectory(VersionDirectory);
        _writer = torch.utils.tensorboard.SummaryWriter(VersionDirectory);
        _loggedAtSteps.Clear();
    }

    /// <inheritdoc/>
    public override void OnLog(TrainingContext context, long step, IReadOnlyDictionary<string, double> values)
    {
        foreach (var (name, value) in values)
        {
            Writer.add_scalar(name, (float)value, checked((int)step));
            _loggedAtSteps.Add(name);
        }
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, EpochMetrics metrics)
    {
        // Values already drawn at their steps (the interval means of the training metrics) are not drawn again as the epoch's.
        int step = checked((int)context.GlobalStep);
        foreach (var (name, value) in metrics.Values.Where(pair => !_loggedAtSteps.Contains(pair.Key)))
            Writer.add_scalar(name, (float)value, step);
    }

    /// <summary>Adds <paramref name="picture"/> as an image under <paramref name="tag"/> at <paramref name="step"/> (such as the last global step).</summary>
    public void LogImage(string tag, Picture picture, long step)
    {
        string file = Path.Combine(VersionDirectory!, $".{tag}.{Environment.ProcessId}.png");
        picture.Save(file);
        try
        {
            Writer.add_img(tag, file, checked((int)step));
        }
        finally
        {
            File.Delete(file);
        }
    }

    SummaryWriter Writer => _writer ?? throw new InvalidOperationException("The TensorBoard logger writes once a fit has started.");
}

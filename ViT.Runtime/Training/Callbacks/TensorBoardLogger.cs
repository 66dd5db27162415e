using System.Globalization;
using TorchSharp;
using TorchSharp.Modules;
using ViT.Imaging;

namespace ViT.Training.Callbacks;

/// <summary>
/// Writes TensorBoard event files with TorchSharp's <c>SummaryWriter</c>, in the layout Lightning's TensorBoardLogger uses
/// (<c>DIRECTORY/version_N/events.out.tfevents.*</c>, a new version per fit) and under the tutorial's names: <c>train_loss</c>
/// and <c>train_acc</c> (the mean over each logging interval), <c>lr-OPTIMIZER</c> and <c>epoch</c> every
/// <see cref="LogEveryNSteps"/> steps, <c>val_loss</c> and <c>val_acc</c> after each validation; the x axis is the global
/// step. <see cref="LogImage"/> adds pictures such as the predictions grid. View with <c>tensorboard --logdir DIRECTORY</c>.
/// </summary>
public sealed class TensorBoardLogger : TrainerCallback
{
    SummaryWriter? _writer;
    readonly List<StepResult> _window = [];

    /// <summary>Logs under <paramref name="directory"/>, every <paramref name="logEveryNSteps"/> steps (Lightning's default: 50).</summary>
    public TensorBoardLogger(string directory, int logEveryNSteps = 50)
    {
        if (logEveryNSteps < 1) throw new ArgumentOutOfRangeException(nameof(logEveryNSteps), logEveryNSteps, "logEveryNSteps must be at least 1.");
        Directory = directory;
        LogEveryNSteps = logEveryNSteps;
    }

    /// <summary>The folder holding the <c>version_N</c> runs.</summary>
    public string Directory { get; }

    /// <summary>Steps per logged training point.</summary>
    public int LogEveryNSteps { get; }

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
        _window.Clear();
    }

    /// <inheritdoc/>
    public override void OnStepEnd(TrainingContext context, StepResult result)
    {
        // The steps' numbers are read at the logging point only: one host synchronisation per interval.
        _window.Add(result);
        if (result.GlobalStep % LogEveryNSteps != 0) return;

        int step = checked((int)result.GlobalStep);
        double seen = _window.Sum(s => s.Size);
        Writer.add_scalar("train_loss", (float)(_window.Sum(s => s.Loss * s.Size) / seen), step);
        Writer.add_scalar("train_acc", (float)(_window.Sum(s => s.Correct) / seen), step);
        Writer.add_scalar($"lr-{context.Optimizer.GetType().Name}", (float)result.LearningRate, step);
        Writer.add_scalar("epoch", result.Epoch - 1, step);
        _window.Clear();
    }

    /// <inheritdoc/>
    public override void OnValidationEnd(TrainingContext context, int epoch, Evaluation validation)
    {
        int step = checked((int)context.GlobalStep);
        Writer.add_scalar("val_loss", (float)validation.Loss, step);
        Writer.add_scalar("val_acc", (float)validation.Accuracy, step);
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

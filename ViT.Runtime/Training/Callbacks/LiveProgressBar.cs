namespace ViT.Training.Callbacks;

/// <summary>
/// A progress bar redrawn in place on an interactive terminal: steps, running values, images/s and ETA; each finished
/// epoch leaves one line above it.
/// </summary>
public sealed class LiveProgressBar(TextWriter output) : ProgressBar
{
    const int BarWidth = 24;
    DateTime _lastDraw;

    /// <inheritdoc/>
    protected override void ShowMessage(string message) => output.WriteLine(message);

    /// <inheritdoc/>
    protected override void ShowStep(TrainingProgress progress, string text)
    {
        // Redrawing costs a console write; ten times a second is enough for the eye.
        if (!Due(progress.Step == progress.Steps)) return;
        output.Write($"\rEpoch {progress.Epoch}/{progress.Epochs} {Bar(progress.Step, progress.Steps)} {text}   ");
    }

    /// <inheritdoc/>
    protected override void ShowEvaluation(string activity, int done, int total)
    {
        if (!Due(done == total)) return;
        output.Write($"\r{activity} {Bar(done, total)} {done}/{total}   ");
        if (done == total) output.Write("\r\u001b[2K");
    }

    /// <inheritdoc/>
    protected override void ShowEpoch(EpochMetrics metrics, string text)
    {
        output.Write("\r\u001b[2K");
        output.WriteLine(text);
    }

    bool Due(bool last)
    {
        var now = DateTime.UtcNow;
        if (!last && now - _lastDraw < TimeSpan.FromMilliseconds(100)) return false;
        _lastDraw = now;
        return true;
    }

    static string Bar(int done, int total)
    {
        int filled = (int)((long)BarWidth * done / Math.Max(1, total));
        return new string('█', filled) + new string('░', BarWidth - filled);
    }
}

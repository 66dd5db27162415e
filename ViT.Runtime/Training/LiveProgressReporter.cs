namespace ViT.Training;

/// <summary>
/// A progress bar redrawn in place on an interactive terminal: steps, running loss and accuracy, images/s
/// and ETA; each finished epoch leaves one summary line above it.
/// </summary>
public sealed class LiveProgressReporter(TextWriter output) : IProgressReporter
{
    const int BarWidth = 24;
    DateTime _lastDraw;

    /// <inheritdoc/>
    public void Message(string text) => output.WriteLine(text);

    /// <inheritdoc/>
    public void Step(TrainingProgress progress)
    {
        // Redrawing costs a console write; ten times a second is enough for the eye.
        var now = DateTime.UtcNow;
        if (progress.Step != progress.Steps && now - _lastDraw < TimeSpan.FromMilliseconds(100)) return;
        _lastDraw = now;
        output.Write($"\rEpoch {progress.Epoch}/{progress.Epochs} {Bar(progress.Step, progress.Steps)} {ProgressFormat.Step(progress)}   ");
    }

    /// <inheritdoc/>
    public void Progress(string activity, int done, int total)
    {
        var now = DateTime.UtcNow;
        if (done != total && now - _lastDraw < TimeSpan.FromMilliseconds(100)) return;
        _lastDraw = now;
        output.Write($"\r{activity} {Bar(done, total)} {done}/{total}   ");
        if (done == total) output.Write("\r\u001b[2K");
    }

    /// <inheritdoc/>
    public void EpochEnd(EpochMetrics metrics, int epochs)
    {
        output.Write("\r\u001b[2K");
        output.WriteLine(ProgressFormat.Epoch(metrics, epochs));
    }

    static string Bar(int done, int total)
    {
        int filled = (int)((long)BarWidth * done / Math.Max(1, total));
        return new string('█', filled) + new string('░', BarWidth - filled);
    }

    /// <summary>The reporter for this process: live on a terminal, plain when output is redirected or <c>CI</c> is set.</summary>
    public static IProgressReporter ForConsole(int logEveryNSteps) =>
        Console.IsOutputRedirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
            ? new PlainProgressReporter(Console.Out, logEveryNSteps)
            : new LiveProgressReporter(Console.Out);
}

using ViT.Training;
using ViT.Training.Callbacks;

namespace ViT.Runtime.Tests.Training;

/// <summary>
/// Issue 16's trainer off the critical path: a step's loss and correct count stay on the device until the logging
/// interval (or a checkpoint, or a callback) reads them, all at once, and the sums come out as reading every step.
/// </summary>
public sealed class HostReadTests : IClassFixture<TrainingFixture>
{
    readonly TrainingFixture _data;

    public HostReadTests(TrainingFixture data) => _data = data;

    static TrainerOptions Options(int logEvery, params TrainerCallback[] callbacks) => new()
    {
        Epochs = 2, BatchSize = 64, LearningRate = 3e-3, Seed = 7, Device = "cpu", OutputDirectory = null, LogEveryNSteps = logEvery, Callbacks = callbacks,
    };

    [Fact]
    public void Steps_are_read_once_per_logging_interval_and_at_the_epoch_end()
    {
        using var train = _data.Train.Take(640); // 10 steps an epoch
        var results = new List<StepResult>();
        var readAtItsEnd = new List<(int Epoch, int Step, bool Read)>();
        var reporter = new RecordingReporter();

        new Trainer(Options(4, new StepCallback((_, step) => { readAtItsEnd.Add((step.Epoch, step.Step, step.IsRead)); results.Add(step); })).ReportingTo(reporter))
            .Fit(TrainingFixture.SmallModel(), train);

        // Lightning's log_every_n_steps counts global steps: reads at global steps 4, 8, 12, 16, 20, and at each epoch's end.
        var expected = new[] { 1, 2 }.SelectMany(e => Enumerable.Range(1, 10).Select(s => (e, s, ((e - 1) * 10 + s) % 4 == 0 || s == 10)));
        Assert.Equal(expected, readAtItsEnd);
        Assert.All(results, step => Assert.True(step.IsRead)); // the steps between reads were read with the next one
        // The display moves every step; its running figures are those of the last read (none before the epoch's first).
        Assert.Equal(20, reporter.Steps.Count);
        Assert.All(reporter.Steps.Where(p => p.Epoch == 1 && p.Step < 4 || p.Epoch == 2 && p.Step < 2), p => Assert.True(double.IsNaN(p.RunningLoss)));
        Assert.Equal(reporter.Steps[4].RunningLoss, reporter.Steps[3].RunningLoss);
        Assert.Equal(results[3].Progress.RunningLoss, reporter.Steps[3].RunningLoss);
    }

    [Fact]
    public void Reading_at_intervals_gives_the_numbers_of_reading_every_step()
    {
        using var train = _data.Train.Take(640);
        var every = new List<StepResult>();
        var interval = new List<StepResult>();

        var fitEvery = new Trainer(Options(1, new StepCallback((_, step) => every.Add(step))).ReportingTo(new RecordingReporter())).Fit(TrainingFixture.SmallModel(), train);
        var fitInterval = new Trainer(Options(7, new StepCallback((_, step) => interval.Add(step))).ReportingTo(new RecordingReporter())).Fit(TrainingFixture.SmallModel(), train);

        Assert.Equal(every.Select(s => s.Values), interval.Select(s => s.Values));
        Assert.Equal(every.Select(s => s.Progress), interval.Select(s => s.Progress),
            new ProgressFiguresComparer());
        Assert.Equal(fitEvery.History.Select(m => (m.TrainLoss, m.TrainAccuracy)), fitInterval.History.Select(m => (m.TrainLoss, m.TrainAccuracy)));
    }

    /// <summary>The figures that come from the read numbers: position, running loss and accuracy (times differ run to run).</summary>
    sealed class ProgressFiguresComparer : IEqualityComparer<TrainingProgress>
    {
        public bool Equals(TrainingProgress? a, TrainingProgress? b) =>
            a is not null && b is not null && (a.Epoch, a.Step, a.RunningLoss, a.RunningAccuracy) == (b.Epoch, b.Step, b.RunningLoss, b.RunningAccuracy);

        public int GetHashCode(TrainingProgress p) => (p.Epoch, p.Step).GetHashCode();
    }
}

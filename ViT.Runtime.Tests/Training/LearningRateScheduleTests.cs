using TorchSharp;
using ViT.Training;

namespace ViT.Runtime.Tests.Training;

/// <summary>The rate each step trains with, read back from the optimizer the trainer drives.</summary>
public sealed class LearningRateScheduleTests : IClassFixture<TrainingFixture>, IDisposable
{
    readonly TrainingFixture _data;
    readonly string _out = Directory.CreateTempSubdirectory("vit-schedule-").FullName;

    public LearningRateScheduleTests(TrainingFixture data) => _data = data;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    // 256 images in batches of 32: 8 steps an epoch, 16 in two epochs.
    TrainerOptions Options(LearningRateSchedule schedule) =>
        new() { Epochs = 2, BatchSize = 32, LearningRate = 1e-3, Schedule = schedule, Seed = 7, Device = "cpu", OutputDirectory = null };

    List<double> RatesPerStep(TrainerOptions options)
    {
        var rates = new List<double>();
        var recording = options with
        {
            Callbacks = [.. options.Callbacks, new StepCallback((context, _) => rates.Add(context.Optimizer.ParamGroups.Single().LearningRate))],
        };
        using var train = _data.Train.Take(256);
        new Trainer(recording.ReportingTo(new RecordingReporter())).Fit(TrainingFixture.SmallModel(), train);
        return rates;
    }

    [Fact]
    public void Constant_keeps_the_optimizer_rate()
    {
        var rates = RatesPerStep(Options(LearningRateSchedule.Constant));

        Assert.Equal(16, rates.Count);
        Assert.All(rates, rate => Assert.Equal(1e-3, rate));
    }

    [Fact]
    public void Cosine_starts_at_the_rate_halves_it_halfway_and_falls_every_step()
    {
        var rates = RatesPerStep(Options(LearningRateSchedule.Cosine));

        Assert.Equal(16, rates.Count);
        Assert.Equal(1e-3, rates[0], 12);
        Assert.Equal(0.5e-3, rates[8], 12); // the first step of epoch 2: cos(pi / 2) = 0
        Assert.Equal(1e-3 * (1 - Math.Cos(Math.PI / 16)) / 2, rates[15], 12); // one step short of zero
        Assert.All(rates.Zip(rates.Skip(1)), pair => Assert.True(pair.Second < pair.First, $"{pair.Second} after {pair.First}"));
    }

    [Fact]
    public void Cosine_resumed_mid_epoch_continues_the_schedule()
    {
        var uninterrupted = RatesPerStep(Options(LearningRateSchedule.Cosine));

        var crashing = Options(LearningRateSchedule.Cosine) with
        {
            OutputDirectory = _out,
            CheckpointEveryNSteps = 4,
            Callbacks = [new StepCallback((_, step) => { if (step.Progress.Epoch == 2 && step.Progress.Step == 6) throw new InvalidOperationException("simulated crash"); })],
        };
        using (var train = _data.Train.Take(256))
        {
            Assert.Throws<InvalidOperationException>(() => new Trainer(crashing.ReportingTo(new RecordingReporter())).Fit(TrainingFixture.SmallModel(), train));
        }

        var resumed = RatesPerStep(Options(LearningRateSchedule.Cosine) with { OutputDirectory = _out, Resume = true });

        Assert.Equal(uninterrupted.Skip(8 + 4), resumed); // the checkpoint after epoch 2's fourth step
    }

    [Fact]
    public void A_schedule_out_of_range_is_rejected_by_name()
    {
        var warmup = Assert.Throws<ArgumentOutOfRangeException>(() => new TrainerOptions { Schedule = LearningRateSchedule.Cosine.WithWarmup(-1) }.Validate());
        var step = Assert.Throws<ArgumentOutOfRangeException>(() => new TrainerOptions { Schedule = LearningRateSchedule.Step(everyEpochs: 2, gamma: 1.5) }.Validate());

        Assert.Equal(("Epochs", "Gamma"), (warmup.ParamName, step.ParamName));
        Assert.Contains("such as 1", warmup.Message);
    }
}

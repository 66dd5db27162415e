using ViT.Data;
using ViT.Training;
using ViT.Training.Callbacks;

namespace ViT.Runtime.Tests.Training;

/// <summary>
/// A run with every piece of the modern recipe (warmup then cosine, gradient accumulation, AdamW groups, clipping, the
/// moving average, mixup and cutmix, RandAugment, random erasing, label smoothing), stopped in the middle of an epoch
/// and resumed, ends with exactly the metrics of the run that was never stopped: every value of every epoch, bit for bit.
/// </summary>
public sealed class ResumeExactnessTests : IClassFixture<TrainingFixture>, IDisposable
{
    readonly TrainingFixture _data;
    readonly string _out = Directory.CreateTempSubdirectory("vit-resume-exact-").FullName;

    public ResumeExactnessTests(TrainingFixture data) => _data = data;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    // 320 images in batches of 32: 10 steps an epoch, an update every 2 steps (the last update of an epoch included).
    TrainerOptions Options(string? output, params TrainerCallback[] callbacks) => new()
    {
        Epochs = 3, BatchSize = 32, LearningRate = 2e-3, Seed = 11, Device = "cpu", OutputDirectory = output, LogEveryNSteps = 3,
        Schedule = LearningRateSchedule.Cosine.WithWarmup(epochs: 0.5),
        AccumulateGradientBatches = 2,
        GradientClipNorm = 0.5,
        Optimizer = model => ParameterGroups.Of(model).AdamW(2e-3, weightDecay: 0.05),
        Objective = TrainingObjective.SmoothedClassification(0.1),
        BatchTransform = new MixupCutmix(),
        Transforms = new TransformPipeline(new RandAugment(), new RandomErasing(Probability: 0.5)),
        Callbacks = [new ExponentialMovingAverage(decay: 0.9), .. callbacks],
    };

    FitResult Fit(TrainerOptions options, int modelSeed = 1)
    {
        using var train = _data.Train.Take(320);
        using var validation = _data.Validation.Take(100);
        return new Trainer(options.ReportingTo(new RecordingReporter())).Fit(TrainingFixture.SmallModel(modelSeed), train, validation);
    }

    [Fact]
    public void The_modern_recipe_resumed_mid_epoch_gives_the_metrics_of_an_uninterrupted_run()
    {
        var uninterrupted = Fit(Options(output: null));

        // Checkpoints every 4 steps; the crash in step 7 of epoch 2 leaves the one after step 4.
        var crashing = Options(_out, new StepCallback((_, step) => { if (step.Epoch == 2 && step.Step == 7) throw new TimeoutException("crash"); }))
            with { CheckpointEveryNSteps = 4 };
        Assert.Throws<TimeoutException>(() => Fit(crashing));
        var saved = CheckpointFile.ReadState(Path.Combine(_out, "checkpoints", "last.ckpt"));
        Assert.Equal((2, 4, false), (saved.Epoch, saved.StepsDoneInEpoch, saved.EpochFinished));

        var resumed = Fit(Options(_out) with { Resume = true }, modelSeed: 99);

        Assert.Equal(uninterrupted.History.Count, resumed.History.Count);
        foreach (var (expected, actual) in uninterrupted.History.Zip(resumed.History))
        {
            Assert.Equal(expected.Values.Keys, actual.Values.Keys);
            Assert.Equal(expected.Values.Values, actual.Values.Values); // exact: the same doubles
        }
        Assert.Contains("val_ema_acc", resumed.History[0].Values.Keys);
    }

    [Fact]
    public void A_checkpoint_between_the_steps_of_one_update_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(Options(_out) with { CheckpointEveryNSteps = 3 }));
        Assert.Contains("multiple of AccumulateGradientBatches (2)", error.Message);

        var saving = Options(_out, new StepCallback((context, step) => { if (step.Step == 3) context.SaveCheckpoint(Path.Combine(_out, "mine.ckpt")); }));
        var refused = Assert.Throws<InvalidOperationException>(() => Fit(saving));
        Assert.Contains("would lose the gradients accumulated since the last update", refused.Message);
    }

    [Fact]
    public void Accumulating_two_steps_of_32_updates_as_one_step_of_64()
    {
        // Shuffling depends on (seed, epoch) only: steps 1 and 2 of 32 hold the images of step 1 of 64.
        TrainerOptions Plain(int batch, int accumulate) => new()
        {
            Epochs = 1, BatchSize = batch, AccumulateGradientBatches = accumulate, LearningRate = 1e-3, Seed = 5, Device = "cpu", OutputDirectory = null,
        };
        using var train = _data.Train.Take(256);
        var accumulated = TrainingFixture.SmallModel();
        var whole = TrainingFixture.SmallModel();

        new Trainer(Plain(32, 2).ReportingTo(new RecordingReporter())).Fit(accumulated, train);
        new Trainer(Plain(64, 1).ReportingTo(new RecordingReporter())).Fit(whole, train);

        foreach (var (a, b) in accumulated.parameters().Zip(whole.parameters()))
            Assert.True(a.allclose(b, rtol: 1e-4, atol: 1e-6), $"max difference {(a - b).abs().max().item<float>()}");
        var once = TrainingFixture.SmallModel();
        new Trainer(Plain(32, 1).ReportingTo(new RecordingReporter())).Fit(once, train);
        Assert.False(once.parameters().First().allclose(whole.parameters().First(), rtol: 1e-4, atol: 1e-6)); // the check can fail
    }
}

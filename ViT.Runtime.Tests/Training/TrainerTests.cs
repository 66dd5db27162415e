using System.Globalization;
using ViT.Runtime.Tests.Imaging;
using ViT.Training;
using ViT.Training.Callbacks;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Training;

public sealed class TrainerTests : IClassFixture<TrainingFixture>, IDisposable
{
    readonly TrainingFixture _data;
    readonly string _out = Directory.CreateTempSubdirectory("vit-trainer-").FullName;

    public TrainerTests(TrainingFixture data) => _data = data;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    TrainerOptions Options(int epochs = 1) => new() { Epochs = epochs, BatchSize = 32, LearningRate = 3e-3, Seed = 7, Device = "cpu", OutputDirectory = _out };

    [Fact]
    public void One_epoch_on_2000_images_reaches_80_percent()
    {
        var model = TrainingFixture.SmallModel();
        var trainer = new Trainer(Options(), new RecordingReporter());

        var result = trainer.Fit(model, _data.Train, _data.Validation);
        var test = trainer.Test(model, _data.Validation);

        Assert.Single(result.History);
        Assert.True(test.Accuracy > 0.80, $"accuracy {test.Accuracy:P1} after one epoch on 2,000 images");
        Assert.Equal(test.Accuracy, result.History[0].ValidationAccuracy, 6);
        Assert.Equal(2000, result.ImagesTrained);
    }

    [Fact]
    public void Same_seed_gives_the_same_metrics()
    {
        var first = new Trainer(Options(2) with { OutputDirectory = null }, new RecordingReporter()).Fit(TrainingFixture.SmallModel(), _data.Train, _data.Validation);
        var second = new Trainer(Options(2) with { OutputDirectory = null }, new RecordingReporter()).Fit(TrainingFixture.SmallModel(), _data.Train, _data.Validation);

        Assert.Equal(first.History.Select(m => (m.TrainLoss, m.ValidationLoss)), second.History.Select(m => (m.TrainLoss, m.ValidationLoss)));
    }

    [Fact]
    public void Resuming_after_a_crash_between_steps_finishes_like_an_uninterrupted_run()
    {
        var reference = new Trainer(Options(3) with { OutputDirectory = null }, new RecordingReporter()).Fit(TrainingFixture.SmallModel(), _data.Train, _data.Validation);

        var crashing = Options(3) with { CheckpointEveryNSteps = 20, Callbacks = [new CrashAt(epoch: 2, step: 30)] };
        Assert.Throws<SimulatedCrash>(() => new Trainer(crashing, new RecordingReporter()).Fit(TrainingFixture.SmallModel(), _data.Train, _data.Validation));
        var saved = CheckpointFile.ReadState(Path.Combine(_out, "checkpoints", "last.ckpt"));
        Assert.Equal((2, 20, false), (saved.Epoch, saved.StepsDoneInEpoch, saved.EpochFinished));

        var reporter = new RecordingReporter();
        var resumed = new Trainer(Options(3) with { Resume = true }, reporter).Fit(TrainingFixture.SmallModel(seed: 99), _data.Train, _data.Validation);

        Assert.Contains(reporter.Messages, m => m.Contains("Resumed from") && m.Contains("epoch 2, 20 steps done"));
        Assert.Equal(3, resumed.History.Count);
        Assert.Equal(new[] { 1, 2, 3 }, resumed.History.Select(m => m.Epoch));
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(reference.History[i].TrainLoss, resumed.History[i].TrainLoss, 5);
            Assert.Equal(reference.History[i].ValidationLoss, resumed.History[i].ValidationLoss, 5);
        }
    }

    [Theory]
    [InlineData(63 + 25, 2, 25)] // in the middle of epoch 2
    [InlineData(63, 1, 63)]      // after epoch 1's last step: validation stops, the epoch is saved trained but not validated
    public void Cancelling_saves_where_training_stands_and_the_resumed_run_finishes_like_an_uninterrupted_one(int cancelAfterStep, int epoch, int stepsDone)
    {
        var reference = new Trainer(Options(2) with { OutputDirectory = null }, new RecordingReporter()).Fit(TrainingFixture.SmallModel(), _data.Train, _data.Validation);
        using var cancel = new CancellationTokenSource();
        var cancelling = Options(2) with { Callbacks = [new StepCallback((_, step) => { if (step.GlobalStep == cancelAfterStep) cancel.Cancel(); })] };

        var stopped = Assert.Throws<TrainingInterruptedException>(() =>
            new Trainer(cancelling, new RecordingReporter()).Fit(TrainingFixture.SmallModel(), _data.Train, _data.Validation, cancel.Token));

        string last = Path.Combine(_out, "checkpoints", "last.ckpt");
        Assert.Equal((epoch, stepsDone, last), (stopped.Epoch, stopped.StepsDoneInEpoch, stopped.Checkpoint));
        var saved = CheckpointFile.ReadState(last);
        Assert.Equal((epoch, stepsDone, false), (saved.Epoch, saved.StepsDoneInEpoch, saved.EpochFinished));
        var resumed = new Trainer(Options(2) with { Resume = true }, new RecordingReporter()).Fit(TrainingFixture.SmallModel(seed: 99), _data.Train, _data.Validation);
        Assert.Equal(reference.History.Select(m => Math.Round(m.ValidationLoss, 5)), resumed.History.Select(m => Math.Round(m.ValidationLoss, 5)));
    }

    [Fact]
    public void Resuming_a_finished_run_trains_nothing_more()
    {
        new Trainer(Options(1), new RecordingReporter()).Fit(TrainingFixture.SmallModel(), _data.Train);
        var reporter = new RecordingReporter();

        var again = new Trainer(Options(1) with { Resume = true }, reporter).Fit(TrainingFixture.SmallModel(), _data.Train);

        Assert.Single(again.History);
        Assert.Empty(reporter.Steps);
        Assert.Equal(0, again.ImagesTrained);
    }

    [Theory]
    [InlineData("batch", "BatchSize: checkpoint 32, this run 16")]
    [InlineData("seed", "Seed: checkpoint 7, this run 8")]
    [InlineData("rate", "LearningRate: checkpoint 0.003, this run 0.001")]
    [InlineData("schedule", "Schedule: checkpoint Constant, this run Cosine")]
    [InlineData("cosine-epochs", "Epochs (the cosine schedule spans them): checkpoint 1, this run 2")]
    public void Resuming_under_options_that_change_the_run_is_refused_before_anything_is_loaded(string change, string expected)
    {
        var written = change == "cosine-epochs" ? Options(1) with { Schedule = LearningRateSchedule.Cosine } : Options(1);
        new Trainer(written, new RecordingReporter()).Fit(TrainingFixture.SmallModel(), _data.Train);
        var resuming = change switch
        {
            "batch" => written with { BatchSize = 16 },
            "seed" => written with { Seed = 8 },
            "rate" => written with { LearningRate = 1e-3 },
            "schedule" => written with { Schedule = LearningRateSchedule.Cosine },
            _ => written with { Epochs = 2 },
        };
        var model = TrainingFixture.SmallModel(seed: 99);
        var before = model.parameters().Select(p => p.clone()).ToList();

        var error = Assert.Throws<CheckpointException>(() => new Trainer(resuming with { Resume = true }, new RecordingReporter()).Fit(model, _data.Train));

        Assert.Contains(Path.Combine(_out, "checkpoints", "last.ckpt"), error.Message);
        Assert.Contains(expected, error.Message);
        Assert.All(model.parameters().Zip(before), pair => Assert.True(pair.First.eq(pair.Second).all().item<bool>()));
    }

    [Fact]
    public void A_finished_run_at_a_constant_rate_can_be_resumed_for_more_epochs()
    {
        new Trainer(Options(1), new RecordingReporter()).Fit(TrainingFixture.SmallModel(), _data.Train);

        var longer = new Trainer(Options(2) with { Resume = true }, new RecordingReporter()).Fit(TrainingFixture.SmallModel(), _data.Train);

        Assert.Equal(new[] { 1, 2 }, longer.History.Select(m => m.Epoch));
        Assert.Equal(_data.Train.Count, longer.ImagesTrained);
    }

    [Fact]
    public void A_failing_checkpoint_write_keeps_the_last_good_one()
    {
        var model = TrainingFixture.SmallModel();
        new Trainer(Options(1), new RecordingReporter()).Fit(model, _data.Train);
        string last = Path.Combine(_out, "checkpoints", "last.ckpt");
        byte[] good = File.ReadAllBytes(last);
        using var optimizer = optim.Adam(model.parameters());
        var state = CheckpointFile.ReadState(last) with { Epoch = 9 };

        Assert.Throws<IOException>(() => CheckpointFile.Save(last, model, optimizer, state, writeHook: stream => new FailingStream(stream, failAfterBytes: 1000)));

        Assert.Equal(good, File.ReadAllBytes(last));
        Assert.Equal(1, CheckpointFile.ReadState(last).Epoch);
        Assert.Equal(new[] { "epoch-1.ckpt", "final.safetensors", "last.ckpt" }, Directory.GetFiles(Path.GetDirectoryName(last)!).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Resuming_after_a_crash_during_a_checkpoint_write_finishes_with_the_requested_epochs()
    {
        // Epoch 1's last.ckpt and epoch-1.ckpt are written; last.ckpt at the end of epoch 2 dies after 1,000 bytes, as a crash would.
        int saves = 0;
        var checkpoints = new ModelCheckpoint(Path.Combine(_out, "checkpoints")) { WriteHook = stream => ++saves == 3 ? new FailingStream(stream, failAfterBytes: 1000) : stream };
        var crashing = Options(3) with { Callbacks = [checkpoints] };
        Assert.Throws<IOException>(() => new Trainer(crashing, new RecordingReporter()).Fit(TrainingFixture.SmallModel(), _data.Train, _data.Validation));
        var saved = CheckpointFile.ReadState(Path.Combine(_out, "checkpoints", "last.ckpt"));
        Assert.Equal((1, true), (saved.Epoch, saved.EpochFinished));

        var resumed = new Trainer(Options(3) with { Resume = true }, new RecordingReporter()).Fit(TrainingFixture.SmallModel(seed: 99), _data.Train, _data.Validation);

        Assert.Equal(new[] { 1, 2, 3 }, resumed.History.Select(m => m.Epoch));
        Assert.Equal(3, CheckpointFile.ReadState(Path.Combine(_out, "checkpoints", "last.ckpt")).Epoch);
    }

    [Theory]
    [InlineData("truncate", "truncated")]
    [InlineData("flip", "SHA-256 does not match")]
    [InlineData("magic", "wrong magic number")]
    [InlineData("empty", "shorter than the 48-byte header")]
    public void A_bad_checkpoint_is_a_clear_error_naming_the_file(string damage, string expected)
    {
        var model = TrainingFixture.SmallModel();
        new Trainer(Options(1), new RecordingReporter()).Fit(model, _data.Train);
        string last = Path.Combine(_out, "checkpoints", "last.ckpt");
        byte[] bytes = File.ReadAllBytes(last);
        byte[] damaged = damage switch
        {
            "truncate" => bytes[..(bytes.Length - 100)],
            "flip" => bytes.Select((b, i) => i == bytes.Length / 2 ? (byte)~b : b).ToArray(),
            "magic" => "NOTCKPT!"u8.ToArray().Concat(bytes[8..]).ToArray(),
            _ => Array.Empty<byte>(),
        };
        File.WriteAllBytes(last, damaged);

        var error = Assert.Throws<CheckpointException>(() => new Trainer(Options(2) with { Resume = true }, new RecordingReporter()).Fit(TrainingFixture.SmallModel(), _data.Train));

        Assert.Contains(last, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_nan_loss_stops_training_and_keeps_the_last_good_checkpoint()
    {
        var poisoned = new PoisonAfter(TrainingFixture.SmallModel(), poisonFromCall: 70).Registered();

        var error = Assert.Throws<TrainingDivergedException>(() => new Trainer(Options(2), new RecordingReporter()).Fit(poisoned, _data.Train));

        Assert.Equal(2, error.Epoch);
        Assert.Contains("last good checkpoint", error.Message);
        Assert.Equal(1, CheckpointFile.ReadState(Path.Combine(_out, "checkpoints", "last.ckpt")).Epoch);
    }

    [Fact]
    public void Metrics_are_written_as_csv_and_png()
    {
        new Trainer(Options(2), new RecordingReporter()).Fit(TrainingFixture.SmallModel(), _data.Train, _data.Validation);

        string[] lines = File.ReadAllLines(Path.Combine(_out, "metrics.csv"));
        Assert.Equal(MetricsCsv.Header, lines[0]);
        Assert.Equal(3, lines.Length);
        for (int i = 1; i < lines.Length; i++)
        {
            string[] cells = lines[i].Split(',');
            Assert.Equal(7, cells.Length);
            Assert.Equal(i, int.Parse(cells[0], CultureInfo.InvariantCulture));
            Assert.All(cells, cell => Assert.True(double.IsFinite(double.Parse(cell, CultureInfo.InvariantCulture))));
        }
        using var chart = PngFile.Read(Path.Combine(_out, "metrics.png"));
        Assert.Equal((1120, 420), (chart.Width, chart.Height));
    }

    [Fact]
    public void Live_tensors_stay_flat_however_many_steps_run()
    {
        var model = TrainingFixture.SmallModel();
        // The leak detector counts per thread, and a prefetched batch is made on the loader's thread and freed on this
        // one; preparing batches in turn keeps every tensor on this thread's count (the loader's own test checks that
        // prefetched batches are all freed).
        var trainer = new Trainer(Options(1) with { OutputDirectory = null, BatchSize = 8, Prefetch = 0 }, new RecordingReporter());
        using var short25Steps = _data.Train.Take(200);
        trainer.Fit(model, _data.Train); // warm up: gradients and caches exist from here on
        long Live() => TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        long start = Live();
        trainer.Fit(model, short25Steps);
        long afterShort = Live();
        trainer.Fit(model, _data.Train);
        trainer.Evaluate(model, _data.Validation);
        long afterLong = Live();

        // Whatever a Fit call keeps (at most one tensor per parameter: its gradient's wrapper) does not grow with the
        // number of steps: 25 steps and 250 steps plus an evaluation leave the same count behind.
        int parameterTensors = model.parameters().Count();
        Assert.InRange(afterShort - start, 0, parameterTensors);
        Assert.Equal(afterShort - start, afterLong - afterShort);
    }

    [Fact]
    public void Predict_returns_the_arg_max_class()
    {
        var model = TrainingFixture.SmallModel();
        var trainer = new Trainer(Options() with { BatchSize = 7 }, new RecordingReporter());
        using var images = _data.Validation.ReadImages(Enumerable.Range(0, 20).Select(i => (long)i).ToArray());

        long[] predictions = trainer.Predict(model, images);

        using var expected = model.forward(images).argmax(1);
        Assert.Equal(expected.data<long>().ToArray(), predictions);
    }

    [Fact]
    public void Predict_takes_images_as_bytes_and_converts_them_as_training_does()
    {
        var model = TrainingFixture.SmallModel();
        var trainer = new Trainer(Options() with { BatchSize = 7 }, new RecordingReporter());
        using var floats = _data.Validation.ReadImages(Enumerable.Range(0, 20).Select(i => (long)i).ToArray());
        using var bytes = floats.mul(255).round().to_type(ScalarType.Byte);

        long[] predictions = trainer.Predict(model, bytes);

        using var converted = bytes.to_type(ScalarType.Float32).div(255f);
        using var expected = model.forward(converted).argmax(1);
        Assert.Equal(expected.data<long>().ToArray(), predictions);
    }

    sealed class SimulatedCrash : Exception;

    /// <summary>Throws after the given step, as a process dying between steps would stop training.</summary>
    sealed class CrashAt(int epoch, int step) : TrainerCallback
    {
        public override void OnStepEnd(TrainingContext context, StepResult result)
        {
            if (result.Epoch == epoch && result.Step == step) throw new SimulatedCrash();
        }
    }

    /// <summary>Returns NaN logits from the given forward call on, like a model whose weights blew up.</summary>
    sealed class PoisonAfter(nn.Module<Tensor, Tensor> inner, int poisonFromCall) : nn.Module<Tensor, Tensor>("PoisonAfter")
    {
        readonly nn.Module<Tensor, Tensor> model = inner;
        int _calls;

        // Registered so the optimizer sees the inner model's parameters.
        public PoisonAfter Registered() { RegisterComponents(); return this; }

        public override Tensor forward(Tensor input)
        {
            var logits = model.forward(input);
            return ++_calls >= poisonFromCall ? logits * double.NaN : logits;
        }
    }
}

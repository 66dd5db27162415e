using System.Globalization;
using ViT.Training;
using ViT.Training.Callbacks;
using ViT.Weights;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Training;

/// <summary>The library's standard callbacks on tiny runs whose monitored values the test writes (<see cref="ScriptedValue"/>).</summary>
public sealed class StandardCallbackTests : IClassFixture<TrainingFixture>, IDisposable
{
    readonly TrainingFixture _data;
    readonly string _out = Directory.CreateTempSubdirectory("vit-standard-callbacks-").FullName;

    public StandardCallbackTests(TrainingFixture data) => _data = data;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    // 64 images in batches of 32: 2 steps an epoch.
    TrainerOptions Options(int epochs, params TrainerCallback[] callbacks) =>
        new() { Epochs = epochs, BatchSize = 32, LearningRate = 1e-3, Seed = 3, Device = "cpu", OutputDirectory = _out, Callbacks = callbacks };

    FitResult Fit(TrainerOptions options, RecordingReporter? reporter = null)
    {
        using var train = _data.Train.Take(64);
        return new Trainer(options.ReportingTo(reporter ?? new RecordingReporter())).Fit(TrainingFixture.SmallModel(), train);
    }

    [Theory]
    // Lower is better: 0.40 improves on 0.50 by more than 0.01, 0.395 and 0.41 do not: the second miss ends epoch 4.
    [InlineData(MonitorMode.Min, new[] { 0.50, 0.40, 0.395, 0.41, 0.10, 0.05 }, 4, "score has not improved on 0.4 for 2 epochs")]
    // Higher is better: 0.2, 0.205 (not by 0.01), 0.3 (improves), 0.29 and 0.30 (not by 0.01): stops after epoch 6.
    [InlineData(MonitorMode.Max, new[] { 0.10, 0.20, 0.205, 0.30, 0.29, 0.30, 0.9 }, 6, "score has not improved on 0.3 for 2 epochs")]
    public void Early_stopping_stops_after_the_epoch_in_which_patience_runs_out(MonitorMode mode, double[] scores, int lastEpoch, string reason)
    {
        var stopping = new EarlyStopping("score", mode, patience: 2, minDelta: 0.01);
        var reporter = new RecordingReporter();

        var fit = Fit(Options(scores.Length, new ScriptedValue("score", scores), stopping), reporter);

        Assert.Equal(Enumerable.Range(1, lastEpoch), fit.History.Select(m => m.Epoch));
        Assert.Equal(lastEpoch, stopping.StoppedEpoch);
        Assert.Contains($"Stopping after epoch {lastEpoch}: {reason}", reporter.Messages);
    }

    [Fact]
    public void Early_stopping_on_a_value_no_epoch_has_names_the_values_there_are()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Fit(Options(2, new EarlyStopping("val_acc", MonitorMode.Max))));

        Assert.Contains("EarlyStopping monitors 'val_acc', which epoch 1 does not have; it has train_loss, train_acc.", error.Message);
        Assert.Contains("val_ values need a validation set", error.Message);
    }

    [Fact]
    public void Early_stopping_resumed_continues_its_count_from_the_history()
    {
        double[] scores = [0.5, 0.6, 0.7, 0.8, 0.9];
        // Stopped by a crash after epoch 2 (two epochs without improvement on 0.5 would stop after epoch 3).
        Assert.Throws<TimeoutException>(() => Fit(Options(5, new ScriptedValue("score", scores), new EarlyStopping("score", patience: 2),
            new StepCallback((_, step) => { if (step.Epoch == 3) throw new TimeoutException("crash"); }))));

        var resumed = Fit(Options(5, new ScriptedValue("score", scores), new EarlyStopping("score", patience: 2)) with { Resume = true });

        Assert.Equal([1, 2, 3], resumed.History.Select(m => m.Epoch));
    }

    [Fact]
    public void Model_checkpoint_keeps_the_k_best_epochs_and_the_best_weights_as_safetensors()
    {
        double[] accuracy = [0.3, 0.5, 0.2, 0.6, 0.4];
        var checkpoints = new ModelCheckpoint(Path.Combine(_out, "checkpoints"), monitor: "score", mode: MonitorMode.Max, saveTopK: 2);
        var weightsAfter = new Dictionary<int, float[]>();
        var recordWeights = new EpochCallback((context, metrics) => weightsAfter[metrics.Epoch] = context.Model.parameters().First().data<float>().ToArray());

        Fit(Options(5, new ScriptedValue("score", accuracy), checkpoints, recordWeights));

        string folder = Path.Combine(_out, "checkpoints");
        Assert.Equal(["best.safetensors", "epoch-2.ckpt", "epoch-4.ckpt", "final.safetensors", "last.ckpt"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        Assert.Equal([(Path.Combine(folder, "epoch-4.ckpt"), 0.6), (Path.Combine(folder, "epoch-2.ckpt"), 0.5)], checkpoints.BestK);
        Assert.Equal((Path.Combine(folder, "epoch-4.ckpt"), 0.6), (checkpoints.BestPath, checkpoints.BestScore));
        Assert.Equal(4, CheckpointFile.ReadState(checkpoints.BestPath!).Epoch);
        var metadata = ModelWeights.ReadMetadata(checkpoints.BestWeightsPath);
        Assert.Equal(("4", "score", "0.6"), (metadata["epoch"], metadata["monitor"], metadata["score"]));
        // The safetensors hold the weights as they were after epoch 4, not the last epoch's.
        var best = TrainingFixture.SmallModel(seed: 99);
        ModelWeights.Load(best, checkpoints.BestWeightsPath);
        Assert.Equal(weightsAfter[4], best.parameters().First().data<float>().ToArray());
        Assert.NotEqual(weightsAfter[5], weightsAfter[4]);
    }

    [Fact]
    public void Model_checkpoint_without_last_removes_an_earlier_runs_last_checkpoint_at_its_first_save()
    {
        string folder = Path.Combine(_out, "checkpoints");
        Fit(Options(1));
        Assert.True(File.Exists(Path.Combine(folder, "last.ckpt")));
        var reporter = new RecordingReporter();

        // A fresh run that writes no last.ckpt of its own: the earlier one would otherwise be resumed as if it were this run's.
        Fit(Options(2, new ModelCheckpoint(folder, saveTopK: 1, saveLast: false)), reporter);

        Assert.Equal(["epoch-2.ckpt", "final.safetensors"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        Assert.Contains(reporter.Messages, m => m.StartsWith("Removed last.ckpt, epoch-1.ckpt of an earlier run", StringComparison.Ordinal));
    }

    [Fact]
    public void Model_checkpoint_without_last_and_with_k_latest_writes_only_those()
    {
        var checkpoints = new ModelCheckpoint(Path.Combine(_out, "checkpoints"), saveTopK: 2, saveLast: false);

        Fit(Options(4, checkpoints));

        Assert.Equal(["epoch-3.ckpt", "epoch-4.ckpt", "final.safetensors"], Directory.GetFiles(Path.Combine(_out, "checkpoints")).Select(Path.GetFileName).Order());
        Assert.Null(checkpoints.BestPath);
    }

    [Fact]
    public void Model_checkpoint_resumed_keeps_ranking_with_the_earlier_epochs()
    {
        double[] scores = [0.3, 0.9, 0.2, 0.6, 0.4];
        ModelCheckpoint Checkpoints() => new(Path.Combine(_out, "checkpoints"), monitor: "score", mode: MonitorMode.Max, saveTopK: 2);
        Assert.Throws<TimeoutException>(() => Fit(Options(5, new ScriptedValue("score", scores), Checkpoints(),
            new StepCallback((_, step) => { if (step.Epoch == 4) throw new TimeoutException("crash"); }))));

        var resumed = Checkpoints();
        Fit(Options(5, new ScriptedValue("score", scores), resumed) with { Resume = true });

        Assert.Equal([(2, 0.9), (4, 0.6)], resumed.BestK.Select(k => (CheckpointFile.ReadState(k.Path).Epoch, k.Score)));
        Assert.Equal(["best.safetensors", "epoch-2.ckpt", "epoch-4.ckpt", "final.safetensors", "last.ckpt"], Directory.GetFiles(Path.Combine(_out, "checkpoints")).Select(Path.GetFileName).Order());
        Assert.Equal("2", ModelWeights.ReadMetadata(resumed.BestWeightsPath)["epoch"]);
    }

    [Fact]
    public void The_learning_rate_log_equals_the_schedule_for_every_group()
    {
        // 2 epochs of 2 steps with a warmup of one epoch: (t + 1) / 2 for steps 0 and 1, then cosine over steps 2 and 3.
        var monitor = new LearningRateMonitor();
        var options = Options(2, monitor) with
        {
            OutputDirectory = null,
            LogEveryNSteps = 1,
            Schedule = LearningRateSchedule.Cosine.WithWarmup(epochs: 1),
            Optimizer = model => ParameterGroups.Of(model).WithLearningRateScale(name => name.StartsWith("fc2.", StringComparison.Ordinal) ? 1 : 0.1).AdamW(1e-3, 0.05),
        };
        var logged = new List<(long Step, IReadOnlyDictionary<string, double> Values)>();

        Fit(options with { Callbacks = [.. options.Callbacks, new LogCallback((step, values) => logged.Add((step, values)))] });

        double[] factors = [0.5, 1.0, 1.0, 0.5 * (1 + Math.Cos(Math.PI / 2))];
        double[] bases = [1e-4, 1e-4, 1e-3, 1e-3]; // groups: x0.1 no_decay, x0.1 decay, x1 no_decay, x1 decay
        Assert.Equal([1L, 2, 3, 4], monitor.History.Select(h => h.GlobalStep));
        for (int step = 0; step < 4; step++)
        {
            Assert.Equal(bases.Select(rate => rate * factors[step]), monitor.History[step].Rates, new ToleranceComparer(1e-15));
            Assert.Equal(bases[2] * factors[step], logged[step].Values["lr-AdamW/pg3"], 15);
        }
    }

    [Fact]
    public void The_learning_rate_logged_per_epoch_reaches_the_csv()
    {
        Fit(Options(2, new LearningRateMonitor(LoggingInterval.Epoch)) with { Schedule = LearningRateSchedule.Cosine });

        string[] lines = File.ReadAllLines(Path.Combine(_out, "metrics.csv"));
        Assert.Equal("epoch,train_loss,train_acc,lr-Adam,seconds,images_per_second", lines[0]);
        Assert.Equal([1e-3, 1e-3 * 0.5], lines[1..].Select(line => double.Parse(line.Split(',')[3], CultureInfo.InvariantCulture)));
    }

    sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double value) => 0;
    }
}

using TorchSharp;
using ViT.Data;
using ViT.Training;
using ViT.Training.Callbacks;
using ViT.Training.Metrics;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Training;

/// <summary>The Trainer's extension points: callbacks see every moment in order, can stop early, and the objective is what is trained.</summary>
public sealed class CallbackTests : IClassFixture<TrainingFixture>, IDisposable
{
    readonly TrainingFixture _data;
    readonly string _out = Directory.CreateTempSubdirectory("vit-callbacks-").FullName;

    public CallbackTests(TrainingFixture data) => _data = data;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    TrainerOptions Options(int epochs) => new() { Epochs = epochs, BatchSize = 64, LearningRate = 3e-3, Seed = 7, Device = "cpu", OutputDirectory = _out };

    [Fact]
    public void Callbacks_see_each_moment_in_order_with_the_checkpoint_after_every_other_callback()
    {
        using var train = _data.Train.Take(128); // 2 steps an epoch
        using var validation = _data.Validation.Take(64);
        var recorder = new MomentRecorder();

        new Trainer((Options(2) with { Callbacks = [recorder] }).ReportingTo(new RecordingReporter())).Fit(TrainingFixture.SmallModel(), train, validation);

        string[] epoch(int e) => [$"epoch-start {e}", $"step-start {e}.1", $"step-end {e}.1 global {2 * e - 1}", $"step-start {e}.2",
            $"step-end {e}.2 global {2 * e}", $"validation-end {e}", $"epoch-end {e}", "checkpoint last.ckpt"];
        Assert.Equal(["fit-start", .. epoch(1), .. epoch(2), "fit-end 2 epochs"], recorder.Moments);
    }

    [Fact]
    public void Early_stopping_on_the_validation_loss_ends_training_when_it_stops_improving()
    {
        using var train = _data.Train.Take(128);
        using var validation = _data.Validation.Take(64);
        var reporter = new RecordingReporter();
        // A rate of 1e-12 leaves the weights where they are: the validation loss cannot improve by 1e-3.
        var options = Options(20) with { Optimizer = model => optim.SGD(model.parameters(), 1e-12), Callbacks = [new EarlyStopping(patience: 2, minDelta: 1e-3)] };

        var fit = new Trainer(options.ReportingTo(reporter)).Fit(TrainingFixture.SmallModel(), train, validation);

        Assert.Equal([1, 2, 3], fit.History.Select(m => m.Epoch));
        Assert.Contains(reporter.Messages, m => m.StartsWith("Stopping after epoch 3: val_loss has not improved on "));
        var last = CheckpointFile.ReadState(Path.Combine(_out, "checkpoints", "last.ckpt"));
        Assert.Equal((3, true), (last.Epoch, last.EpochFinished));
    }

    [Fact]
    public void The_documented_callback_stops_when_the_target_is_reached()
    {
        using var train = _data.Train.Take(1000);
        using var validation = _data.Validation.Take(200);
        var reporter = new RecordingReporter();

        var fit = new Trainer((Options(20) with { Callbacks = [new StopAtTarget("val_acc", 0.5)] }).ReportingTo(reporter)).Fit(TrainingFixture.SmallModel(), train, validation);

        Assert.Single(fit.History);
        Assert.True(fit.History[0].ValidationAccuracy >= 0.5);
        Assert.Contains(reporter.Messages, m => m.StartsWith("Stopping after epoch 1: val_acc reached "));
    }

    [Fact]
    public void Fit_trains_with_the_objective_loss()
    {
        using var train = _data.Train.Take(128);
        var losses = new List<double>();
        var doubled = TrainingObjective.Classification with { Loss = (output, target) => 2 * nn.functional.cross_entropy(output, target) };
        var options = Options(1) with { OutputDirectory = null, Objective = doubled, Callbacks = [new StepCallback((_, step) => losses.Add(step.Loss))] };

        new Trainer(options.ReportingTo(new RecordingReporter())).Fit(TrainingFixture.SmallModel(), train);

        // The first step's loss, worked out here: the same first shuffled batch through the same initial weights.
        var model = TrainingFixture.SmallModel();
        using var scope = NewDisposeScope();
        var (images, labels) = new BatchLoader(train, 64, shuffle: true, seed: 7, transform: null, prefetch: 0).Batches(1).First();
        double expected = 2 * nn.functional.cross_entropy(model.forward(images), labels).item<float>();
        Assert.Equal(expected, losses[0], 5);
    }

    [Fact]
    public void Evaluate_reports_the_objective_loss_and_each_metric_by_name()
    {
        var model = TrainingFixture.SmallModel();
        using var validation = _data.Validation.Take(300);
        var doubled = new TrainingObjective((output, target) => 2 * nn.functional.cross_entropy(output, target));

        var plain = new Trainer((Options(1) with { OutputDirectory = null }).ReportingTo(new RecordingReporter())).Evaluate(model, validation);
        var custom = new Trainer((Options(1) with { OutputDirectory = null, Objective = doubled, Metrics = [new Accuracy(), new Accuracy(topK: 2)] })
            .ReportingTo(new RecordingReporter())).Evaluate(model, validation);

        using var scope = NewDisposeScope();
        using var noGrad = torch.no_grad();
        var (images, labelTensor) = new BatchLoader(validation, 300, prefetch: 0).Batches().First(); // as the trainer reads them
        var logits = model.forward(images);
        long[] labels = labelTensor.data<long>().ToArray();
        float[] scores = logits.data<float>().ToArray();
        int inTopTwo = labels.Select((label, i) => scores.Skip(10 * i).Take(10).Select((s, c) => (s, c)).OrderByDescending(x => x.s).Take(2).Any(x => x.c == label)).Count(hit => hit);
        int right = labels.Select((label, i) => scores.Skip(10 * i).Take(10).Select((s, c) => (s, c)).MaxBy(x => x.s).c == label).Count(hit => hit);
        Assert.Equal(["loss", "acc"], plain.Values.Keys);
        Assert.Equal(["loss", "acc", "acc_top2"], custom.Values.Keys);
        Assert.Equal(2 * plain.Loss, custom.Loss, 5);
        Assert.Equal(right / 300.0, plain.Accuracy, 10);
        Assert.Equal(inTopTwo / 300.0, custom["acc_top2"], 10);
    }

    /// <summary>Writes down each moment a callback is told of.</summary>
    sealed class MomentRecorder : TrainerCallback
    {
        public List<string> Moments { get; } = [];
        public override void OnFitStart(TrainingContext context) => Moments.Add("fit-start");
        public override void OnEpochStart(TrainingContext context, int epoch) => Moments.Add($"epoch-start {epoch}");
        public override void OnStepStart(TrainingContext context, int epoch, int step) => Moments.Add($"step-start {epoch}.{step}");
        public override void OnStepEnd(TrainingContext context, StepResult result) =>
            Moments.Add($"step-end {result.Epoch}.{result.Step} global {result.GlobalStep}");
        public override void OnValidationEnd(TrainingContext context, int epoch, Evaluation validation) => Moments.Add($"validation-end {epoch}");
        public override void OnEpochEnd(TrainingContext context, EpochMetrics metrics) => Moments.Add($"epoch-end {metrics.Epoch}");
        public override void OnCheckpoint(TrainingContext context, string path, CheckpointState state) => Moments.Add($"checkpoint {Path.GetFileName(path)}");
        public override void OnFitEnd(TrainingContext context, FitResult result) => Moments.Add($"fit-end {result.History.Count} epochs");
    }
}

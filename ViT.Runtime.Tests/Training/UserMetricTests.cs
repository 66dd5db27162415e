using TorchSharp;
using ViT.Runtime.Tests.TensorBoard;
using ViT.Training;
using ViT.Training.Callbacks;
using ViT.Training.Metrics;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Training;

/// <summary>
/// A metric a user adds, written here and nowhere else, reaches every output under its Lightning name: the CSV, TensorBoard,
/// the progress bar, checkpoints, and callbacks (a step's values, an epoch's row, a monitor).
/// </summary>
public sealed class UserMetricTests : IClassFixture<TrainingFixture>, IDisposable
{
    readonly TrainingFixture _data;
    readonly string _out = Directory.CreateTempSubdirectory("vit-user-metric-").FullName;

    public UserMetricTests(TrainingFixture data) => _data = data;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    /// <summary>The fraction of examples whose label is among the five largest outputs: the whole of the user's code.</summary>
    sealed class TopFiveAccuracy() : Metric("top5_acc")
    {
        public override MetricFormat Format => MetricFormat.Percent;

        public override Tensor Update(MetricBatch batch)
        {
            var hits = batch.Output.topk(5, dim: 1).indexes.eq(batch.Labels.unsqueeze(1)).any(1).sum().to(ScalarType.Float64);
            return torch.stack([hits, torch.full(Array.Empty<long>(), (double)batch.Count, ScalarType.Float64)]);
        }

        public override IEnumerable<KeyValuePair<string, double>> Compute(IReadOnlyList<double> sums) => [new(Name, sums[0] / sums[1])];
    }

    [Fact]
    public void A_metric_added_in_a_test_reaches_every_output_by_name()
    {
        using var train = _data.Train.Take(320);
        using var validation = _data.Validation.Take(200);
        var steps = new List<StepResult>();
        var progress = new StringWriter();
        var tensorBoard = new TensorBoardLogger(Path.Combine(_out, "tensorboard"));
        var options = new TrainerOptions
        {
            Epochs = 3, BatchSize = 32, LearningRate = 1e-3, Seed = 5, Device = "cpu", OutputDirectory = _out, LogEveryNSteps = 5,
            Metrics = [new Accuracy(), new TopFiveAccuracy()],
            Callbacks = [tensorBoard, new PlainProgressBar(progress, 5), new StepCallback((_, step) => steps.Add(step)),
                new EarlyStopping("val_top5_acc", MonitorMode.Max, patience: 1, minDelta: 1)],
        };
        var model = TrainingFixture.SmallModel();

        var fit = new Trainer(options).Fit(model, train, validation);

        // Callbacks: the epoch's row (the impossible min_delta stops after epoch 2), and every step's values.
        Assert.Equal(["train_loss", "train_acc", "train_top5_acc", "val_loss", "val_acc", "val_top5_acc"], fit.History[0].Values.Keys);
        Assert.Equal(2, fit.History.Count);
        Assert.All(steps, step => Assert.InRange(step.Values["train_top5_acc"], step.Values["train_acc"], 1));
        // The value is right: the last validation's top-5 accuracy, computed again here from the model's outputs.
        using (var noGrad = torch.no_grad())
        {
            long[] all = Enumerable.Range(0, 200).Select(i => (long)i).ToArray();
            using var logits = model.forward(validation.ReadImages(all));
            long[] labels = validation.ReadLabels(all).data<long>().ToArray();
            float[] scores = logits.data<float>().ToArray();
            int hits = labels.Select((label, i) => scores.Skip(10 * i).Take(10).Select((s, c) => (s, c)).OrderByDescending(x => x.s).Take(5).Any(x => x.c == label)).Count(hit => hit);
            Assert.Equal(hits / 200.0, fit.History[^1]["val_top5_acc"], 12);
        }
        // The CSV, the progress bar and the checkpoint.
        string[] csv = File.ReadAllLines(Path.Combine(_out, "metrics.csv"));
        Assert.Equal("epoch,train_loss,train_acc,train_top5_acc,val_loss,val_acc,val_top5_acc,seconds,images_per_second", csv[0]);
        Assert.Contains("Stopping after epoch 2: val_top5_acc has not improved on ", progress.ToString());
        Assert.Contains("  val_top5_acc ", progress.ToString());
        Assert.Contains(" top5_acc ", progress.ToString()); // the step lines
        var saved = CheckpointFile.ReadState(Path.Combine(_out, "checkpoints", "last.ckpt"));
        Assert.Equal(fit.History[^1]["val_top5_acc"], saved.History[^1]["val_top5_acc"]);
        Assert.Equal(["loss", "acc", "top5_acc"], saved.Options.Metrics);
        // TensorBoard: the interval means at every logging point, the validation value after each epoch.
        var tags = EventFile.Read(Directory.GetFiles(tensorBoard.VersionDirectory!).Single())
            .Where(e => e.Summary is not null).SelectMany(e => e.Summary.Value.Select(v => (v.Tag, e.Step))).ToList();
        Assert.Equal([5L, 10, 15, 20], tags.Where(t => t.Tag == "train_top5_acc").Select(t => t.Step));
        Assert.Equal([10L, 20], tags.Where(t => t.Tag == "val_top5_acc").Select(t => t.Step));
    }
}

using ViT.Imaging;
using ViT.Runtime.Tests.Training;
using ViT.Training;
using ViT.Training.Callbacks;

namespace ViT.Runtime.Tests.TensorBoard;

/// <summary>Trains with the TensorBoard logger, then decodes its event file with our own protobuf classes.</summary>
public sealed class TensorBoardLoggerTests : IClassFixture<TrainingFixture>, IDisposable
{
    readonly TrainingFixture _data;
    readonly string _out = Directory.CreateTempSubdirectory("vit-tensorboard-").FullName;

    public TensorBoardLoggerTests(TrainingFixture data) => _data = data;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public void The_event_file_holds_the_training_and_validation_scalars_at_their_steps_and_the_image()
    {
        // 600 images in batches of 32: 19 steps an epoch, 38 in two; a logging point every 5 steps.
        using var train = _data.Train.Take(600);
        using var validation = _data.Validation.Take(200);
        var logger = new TensorBoardLogger(Path.Combine(_out, "tensorboard"));
        var steps = new List<StepResult>();
        var options = new TrainerOptions
        {
            Epochs = 2, BatchSize = 32, LearningRate = 2e-3, Seed = 3, Device = "cpu", OutputDirectory = null, LogEveryNSteps = 5,
            Callbacks = [new LearningRateMonitor(), logger, new StepCallback((_, step) => steps.Add(step))],
        };
        var fit = new Trainer(options.ReportingTo(new RecordingReporter())).Fit(TrainingFixture.SmallModel(), train, validation);
        var picture = ImageGrid.Draw(validation.Images.narrow(0, 0, 4), [new("a"), new("b"), new("c", Flagged: true), new("d")]);
        logger.LogImage("predictions", picture, 38);

        string version = Path.Combine(_out, "tensorboard", "version_0");
        Assert.Equal(version, logger.VersionDirectory);
        string file = Assert.Single(Directory.GetFiles(version));
        Assert.StartsWith("events.out.tfevents.", Path.GetFileName(file));
        var events = EventFile.Read(file);
        var scalars = events.Where(e => e.Summary is not null)
            .SelectMany(e => e.Summary.Value.Where(v => v.ValueCase == Summary.Types.Value.ValueOneofCase.SimpleValue)
                .Select(v => (Tag: v.Tag, e.Step, Value: (double)v.SimpleValue)))
            .ToList();

        // Training points: the mean over each window of 5 steps, weighted by batch size, at the window's last global step.
        long[] points = [5, 10, 15, 20, 25, 30, 35];
        Assert.Equal(points, Steps(scalars, "train_loss"));
        Assert.Equal(points, Steps(scalars, "train_acc"));
        Assert.Equal(points, Steps(scalars, "lr-Adam"));
        foreach (long point in points)
        {
            var window = steps.Where(s => s.GlobalStep > point - 5 && s.GlobalStep <= point).ToList();
            Assert.Equal(5, window.Count);
            Assert.Equal(window.Sum(s => s.Loss * s.Size) / window.Sum(s => s.Size), Value(scalars, "train_loss", point), 5);
            Assert.Equal(window.Sum(s => s.Values["train_acc"] * s.Size) / window.Sum(s => s.Size), Value(scalars, "train_acc", point), 5);
            Assert.Equal(2e-3, Value(scalars, "lr-Adam", point), 7);
            Assert.Equal(point <= 19 ? 0 : 1, Value(scalars, "epoch", point));
        }

        // Validation after each epoch, at the epoch's last global step, equal to the fit's history.
        Assert.Equal([19L, 38L], Steps(scalars, "val_loss"));
        Assert.Equal(fit.History[0].ValidationLoss, Value(scalars, "val_loss", 19), 5);
        Assert.Equal(fit.History[1].ValidationLoss, Value(scalars, "val_loss", 38), 5);
        Assert.Equal(fit.History[1].ValidationAccuracy, Value(scalars, "val_acc", 38), 5);

        var image = Assert.Single(events.Where(e => e.Summary is not null).SelectMany(e => e.Summary.Value.Select(v => (e.Step, Value: v))),
            x => x.Value.ValueCase == Summary.Types.Value.ValueOneofCase.Image);
        Assert.Equal(("predictions", 38L), (image.Value.Tag, image.Step));
        Assert.Equal((picture.Width, picture.Height), (image.Value.Image.Width, image.Value.Image.Height));
        using var decoded = ViT.Runtime.Tests.Imaging.PngFile.Decode(image.Value.Image.EncodedImageString.ToByteArray());
        using var original = ViT.Runtime.Tests.Imaging.PngFile.Decode(picture.Png);
        Assert.Equal(original.Pixels, decoded.Pixels);
    }

    [Fact]
    public void Each_fit_writes_a_new_version_as_Lightning_does()
    {
        using var train = _data.Train.Take(64);
        var logger = new TensorBoardLogger(Path.Combine(_out, "runs"));
        var options = new TrainerOptions { Epochs = 1, BatchSize = 32, Device = "cpu", OutputDirectory = null, Callbacks = [logger] };

        new Trainer(options.ReportingTo(new RecordingReporter())).Fit(TrainingFixture.SmallModel(), train);
        new Trainer(options.ReportingTo(new RecordingReporter())).Fit(TrainingFixture.SmallModel(), train);

        Assert.Equal(["version_0", "version_1"], Directory.GetDirectories(Path.Combine(_out, "runs")).Select(Path.GetFileName).Order());
    }

    static long[] Steps(IEnumerable<(string Tag, long Step, double Value)> scalars, string tag) =>
        scalars.Where(s => s.Tag == tag).Select(s => s.Step).ToArray();

    static double Value(IEnumerable<(string Tag, long Step, double Value)> scalars, string tag, long step) =>
        scalars.Single(s => s.Tag == tag && s.Step == step).Value;
}

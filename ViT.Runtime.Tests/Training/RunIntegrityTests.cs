using TorchSharp;
using ViT.Data;
using ViT.IO;
using ViT.Training;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Training;

/// <summary>
/// Issue 23's rows for the trainer: one run per output folder, no stale epoch checkpoint beside a new run, a resume that
/// refuses other data, labels and data sources checked before training, divergence in validation, output folders that
/// cannot be used named as the user gave them.
/// </summary>
public sealed class RunIntegrityTests(TrainingFixture data) : IClassFixture<TrainingFixture>, IDisposable
{
    readonly string _out = Directory.CreateTempSubdirectory("vit-run-integrity-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    TrainerOptions Options(int epochs, string? folder = null) =>
        new() { Epochs = epochs, BatchSize = 64, LearningRate = 3e-3, Seed = 7, Device = "cpu", OutputDirectory = folder ?? _out };

    FitResult Fit(TrainerOptions options, IImageSource train, RecordingReporter? reporter = null, CancellationToken cancellation = default) =>
        new Trainer(options, reporter ?? new RecordingReporter()).Fit(TrainingFixture.SmallModel(), train, cancellation: cancellation);

    [Fact]
    public void A_second_run_into_a_folder_in_use_is_refused_naming_the_first_runs_process()
    {
        using var train = data.Train.Take(128);
        using (OutputFolderLock.Acquire(_out))
        {
            var error = Assert.Throws<FolderInUseException>(() => Fit(Options(1), train));
            Assert.StartsWith($"{_out} is in use by another run: process {Environment.ProcessId} (", error.Message);
            Assert.False(Directory.Exists(Path.Combine(_out, "checkpoints")));
        }
        Fit(Options(1), train); // released: the next run goes ahead
        Assert.True(File.Exists(Path.Combine(_out, "checkpoints", "last.ckpt")));
    }

    [Fact]
    public void A_fresh_run_into_a_folder_of_a_longer_run_says_so_and_leaves_no_epoch_checkpoint_of_it()
    {
        using var train = data.Train.Take(128);
        Fit(Options(3), train);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(_out, "checkpoints"), "epoch-*.ckpt").Length);

        var reporter = new RecordingReporter();
        Fit(Options(1), train, reporter);

        string checkpoints = Path.Combine(_out, "checkpoints");
        Assert.Contains($"{checkpoints} holds the checkpoints of an earlier run (last.ckpt, epoch-1.ckpt, epoch-2.ckpt, epoch-3.ckpt): this run starts from scratch and removes them at its first checkpoint. " +
                        "To continue that run instead, stop now and resume it (TrainerOptions.Resume; the sample's --resume).", reporter.Messages);
        Assert.Contains($"Removed last.ckpt, epoch-1.ckpt, epoch-2.ckpt, epoch-3.ckpt of an earlier run from {checkpoints}.", reporter.Messages);
        Assert.Equal(["epoch-1.ckpt", "last.ckpt"], Directory.GetFiles(checkpoints, "*.ckpt").Select(Path.GetFileName).Order());
        Assert.Single(CheckpointFile.ReadState(Path.Combine(checkpoints, "last.ckpt")).History);
    }

    [Fact]
    public void Resume_on_other_data_is_refused_saying_what_differs()
    {
        using var first = data.Train.Take(640);
        using var cancel = new CancellationTokenSource();
        var stopper = new StepCallback((_, step) => { if (step.Step == 3) cancel.Cancel(); });
        Assert.Throws<TrainingInterruptedException>(() => Fit(Options(1) with { Callbacks = [stopper] }, first, cancellation: cancel.Token));
        string last = Path.Combine(_out, "checkpoints", "last.ckpt");
        byte[] saved = File.ReadAllBytes(last);

        // More images (another --limit), then as many images but others (another --data), then other transforms.
        using var more = data.Train.Take(1280);
        var count = Assert.Throws<CheckpointException>(() => Fit(Options(1) with { Resume = true }, more));
        Assert.Contains($"it was trained on other data (checkpoint 640 images ({first.Description}), this run 1,280 ({more.Description})); continuing would mix the two.", count.Message);

        using var others = new ImageDataset(data.Validation.Images.narrow(0, 0, 640).clone(), data.Validation.Labels.narrow(0, 0, 640).clone(), "validation images");
        var fingerprint = Assert.Throws<CheckpointException>(() => Fit(Options(1) with { Resume = true }, others));
        Assert.Contains($"the same 640 images in number but other images or labels: checkpoint {first.Description} (fingerprint", fingerprint.Message);

        var transforms = Assert.Throws<CheckpointException>(() => Fit(Options(1) with { Resume = true, Transforms = new TransformPipeline(new RandomCrop(2)) }, first));
        Assert.Contains("transforms: checkpoint none, this run RandomCrop { Padding = 2, IsRandom = True }", transforms.Message);
        // CheckResume(train), which the sample calls before it writes anything, refuses what Fit refuses.
        Assert.Throws<CheckpointException>(() => new Trainer(Options(1) with { Resume = true }, new RecordingReporter()).CheckResume(more));

        Assert.Equal(saved, File.ReadAllBytes(last));
        Fit(Options(1) with { Resume = true }, first); // the same data resumes
    }

    [Fact]
    public void Labels_that_are_not_integers_are_refused_where_they_enter_naming_the_data()
    {
        using var images = torch.zeros(4, 1, 28, 28);
        using var labels = torch.tensor(new[] { 0f, 1.9f, float.NaN, 2f });
        var error = Assert.Throws<ArgumentException>(() => new ImageDataset(images, labels, "my floats"));
        Assert.StartsWith("labels must be integer class indices; my floats has Float32 labels, which would be truncated (1.9 to 1, NaN to -9223372036854775808).", error.Message);
    }

    [Theory]
    [InlineData("float labels", "my source: ReadLabels gave Float64 values where Int64 is expected (class indices")]
    [InlineData("negative label", "my source has the label -3 (among examples 0 to 255); labels are class indices from 0.")]
    [InlineData("wrong image shape", "my source: ReadImages gave a tensor of shape [64, 1, 14, 14] where [64, 1, 28, 28] is expected")]
    [InlineData("throws", "my source: reading examples 0 to 255 failed: the disk went away")]
    public void A_data_source_that_breaks_its_contract_is_one_error_naming_it(string fault, string expected)
    {
        var source = new FaultySource(data.Train, fault);
        var error = Assert.ThrowsAny<Exception>(() => new Trainer(Options(1, folder: null) with { OutputDirectory = null }, new RecordingReporter()).Fit(TrainingFixture.SmallModel(), source));
        Assert.IsType<DataSourceException>(error);
        Assert.StartsWith(expected, error.Message);
    }

    [Fact]
    public void A_validation_loss_that_is_not_finite_is_divergence_and_saves_nothing_of_the_epoch()
    {
        using var train = data.Train.Take(128);
        using var nanImages = torch.full(64, 1, 28, 28, float.NaN);
        using var validation = new ImageDataset(nanImages.clone(), torch.zeros(64, dtype: ScalarType.Int64), "NaN images");

        var error = Assert.Throws<TrainingDivergedException>(() => new Trainer(Options(2), new RecordingReporter()).Fit(TrainingFixture.SmallModel(), train, validation));

        Assert.StartsWith("Training diverged: the validation loss is NaN after epoch 1. No checkpoint was written yet.", error.Message);
        Assert.False(File.Exists(Path.Combine(_out, "checkpoints", "last.ckpt")));
    }

    [Theory]
    [InlineData("file")]
    [InlineData("proc")]
    public void An_output_folder_that_cannot_be_used_is_named_as_given(string kind)
    {
        string folder = kind == "file" ? Path.Combine(_out, "a-file") : "/proc/vit-output";
        if (kind == "file") File.WriteAllText(folder, "not a folder");
        using var train = data.Train.Take(64);
        var error = Assert.Throws<IOException>(() => Fit(Options(1, folder), train));
        Assert.StartsWith(kind == "file" ? $"{folder} is a file, but the output goes into a folder there." : $"{folder}: the output folder cannot be created or written (", error.Message);
    }

    /// <summary>A source that breaks <see cref="IImageSource"/>'s contract in one way.</summary>
    sealed class FaultySource(ImageDataset inner, string fault) : IImageSource
    {
        public string Description => "my source";
        public int Count => 256;
        public ImageShape ImageShape => inner.ImageShape;
        public int ClassCount => 10;

        public Tensor ReadImages(long[] indices) => fault switch
        {
            "wrong image shape" => torch.zeros(indices.Length, 1, 14, 14),
            "throws" => throw new IOException("the disk went away"),
            _ => inner.ReadImages(indices),
        };

        public Tensor ReadLabels(long[] indices) => fault switch
        {
            "float labels" => inner.ReadLabels(indices).to_type(ScalarType.Float64),
            "negative label" => torch.full(indices.Length, -3L),
            _ => inner.ReadLabels(indices),
        };
    }
}

using System.CommandLine;
using System.Security.Cryptography;
using TorchSharp;
using ViT.Data;
using ViT.Runtime.Tests.Training;
using ViT.Samples;
using ViT.Samples.Models;
using ViT.Training;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Data;

/// <summary>Issue 13: data the model cannot take is refused before the first step, in one line naming both sides.</summary>
public sealed class DataModelCheckTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("vit-data-model-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    static Trainer QuietTrainer(TrainerOptions? options = null) => new(
        (options ?? new TrainerOptions()) with { Epochs = 1, Device = "cpu", OutputDirectory = null,
            Callbacks = [new StepCallback((_, _) => throw new InvalidOperationException("a step ran"))] },
        new PlainProgressReporter(TextWriter.Null, 100));

    static ImageDataset Zeros(int count, int channels, int size, long label = 0) =>
        new(zeros(count, channels, size, size), full(count, label, dtype: ScalarType.Int64));

    [Fact]
    public void Images_of_another_size_are_refused_before_training_with_both_shapes_and_the_fix()
    {
        using var model = new TimmViT();
        using var data = Zeros(8, 1, 32);

        var error = Assert.Throws<DataMismatchException>(() => QuietTrainer().Fit(model, data));

        Assert.Contains("gives images [1, 32, 32] but TimmViT takes [1, 28, 28]", error.Message);
        Assert.Contains("TrainerOptions.Transforms = TransformPipeline.Convert(new ImageShape(1, 32, 32), new ImageShape(1, 28, 28))", error.Message);
    }

    [Fact]
    public void The_conversion_the_message_names_makes_the_same_data_train()
    {
        using var model = new TimmViT();
        using var data = Zeros(8, 3, 32);
        var options = new TrainerOptions { Transforms = TransformPipeline.Convert(new ImageShape(3, 32, 32), new ImageShape(1, 28, 28)) };

        var trainer = new Trainer(options with { Epochs = 1, Device = "cpu", OutputDirectory = null }, new PlainProgressReporter(TextWriter.Null, 100));

        Assert.Single(trainer.Fit(model, data).History);
    }

    [Fact]
    public void A_label_beyond_the_models_classes_is_refused_before_training()
    {
        using var model = new TimmViT();
        using var data = Zeros(8, 1, 28, label: 255);

        var error = Assert.Throws<DataMismatchException>(() => QuietTrainer().Fit(model, data));

        Assert.Contains("labels up to 255 but TimmViT predicts 10 classes", error.Message);
    }

    [Fact]
    public void A_batch_that_cannot_fit_in_memory_is_refused_with_the_numbers()
    {
        using var model = new TimmViT();
        using var data = Zeros(4096, 1, 28);

        var error = Assert.Throws<InsufficientMemoryException>(() =>
            QuietTrainer(new TrainerOptions { BatchSize = 1_000_000, AvailableMemoryBytes = 64L << 20 }).Fit(model, data));

        Assert.Contains("batches of 4,096 images [1, 28, 28]", error.Message);
        Assert.Contains("0.1 GB is available", error.Message);
        Assert.Contains("Use a batch size of at most", error.Message);
    }

    [Fact]
    public void The_memory_measured_per_image_grows_with_the_activations_not_the_weights()
    {
        using var model = new TimmViT();

        var (_, perImage) = BatchMemoryCheck.Measure(model, new ImageShape(1, 28, 28), CPU);

        // Independent floor: the encoder's three blocks each keep at least their [17, 400] MLP hidden activation.
        Assert.True(perImage >= 3 * 17 * 400 * sizeof(float), $"{perImage:N0} bytes per image");
        Assert.True(perImage < 10 << 20, $"{perImage:N0} bytes per image");
    }

    // The sample's command line, on IDX files written here: one error line, exit code 1, the files untouched.

    void WriteIdx(string name, uint[] dimensions, byte[] data) =>
        File.WriteAllBytes(Path.Combine(_folder, name), [.. IdxBytes.Header(dimensions), .. data]);

    void WriteSplit(string prefix, int count, byte label, uint[]? imageDimensions = null)
    {
        WriteIdx($"{prefix}-images-idx3-ubyte", imageDimensions ?? [(uint)count, 28, 28], new byte[count * 28 * 28]);
        WriteIdx($"{prefix}-labels-idx1-ubyte", [(uint)count], Enumerable.Repeat(label, count).ToArray());
    }

    (int ExitCode, string Error) RunSample(params string[] args)
    {
        var hashes = Directory.GetFiles(_folder).ToDictionary(path => path, path => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
        var error = new StringWriter();
        int exitCode = SampleProgram.CommandLine().Root.Parse([.. args, "--data", _folder, "--out", Path.Combine(_folder, "out"), "--device", "cpu"])
            .Invoke(new InvocationConfiguration { Error = error });
        foreach (var (path, hash) in hashes) Assert.Equal(hash, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
        return (exitCode, error.ToString());
    }

    [Fact]
    public void Sample_label_255_is_one_error_line()
    {
        WriteSplit("train", 16, 255);
        WriteSplit("t10k", 4, 1);

        var (exitCode, error) = RunSample("--model", "timm", "--epochs", "1");

        Assert.Equal(1, exitCode);
        Assert.StartsWith("error: ", error);
        Assert.Contains("train-labels-idx1-ubyte", error);
        Assert.Contains("labels up to 255 but TimmViT predicts 10 classes", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Sample_zero_images_is_one_error_line()
    {
        WriteSplit("train", 0, 0);
        WriteSplit("t10k", 4, 1);

        var (exitCode, error) = RunSample("--model", "timm", "--epochs", "1");

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"error: {Path.Combine(_folder, "train-images-idx3-ubyte")}: holds 0 examples", error);
    }

    [Fact]
    public void Sample_overflowing_dimensions_are_one_error_line()
    {
        WriteSplit("train", 16, 0, imageDimensions: [16, 1u << 30, 1u << 30]);
        WriteSplit("t10k", 4, 1);

        var (exitCode, error) = RunSample("--model", "timm", "--epochs", "1");

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"error: {Path.Combine(_folder, "train-images-idx3-ubyte")}: the header's dimensions 16 x 1073741824 x 1073741824", error);
    }

    [Fact]
    public void Sample_images_of_another_size_are_resized_to_the_model()
    {
        WriteIdx("train-images-idx3-ubyte", [32, 20, 20], new byte[32 * 20 * 20]);
        WriteIdx("train-labels-idx1-ubyte", [32], new byte[32]);
        WriteSplit("t10k", 4, 0);

        var (exitCode, error) = RunSample("--model", "timm", "--epochs", "1");

        Assert.Equal("", error);
        Assert.Equal(0, exitCode);
    }
}

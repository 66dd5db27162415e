using ViT.Runtime.Tests.Imaging;
using ViT.Runtime.Tests.TensorBoard;
using ViT.Samples.Models;
using ViT.Training;
using ViT.Weights;

namespace ViT.Runtime.Tests.Samples;

/// <summary>Runs the sample's own entry point on a small slice of MNIST and checks every file it promises.</summary>
public sealed class SampleRunTests : IDisposable
{
    readonly string _out = Directory.CreateTempSubdirectory("vit-sample-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    static int RunSample(params string[] args) =>
        (int)typeof(TutorialModels).Assembly.EntryPoint!.Invoke(null, new object[] { args })!;

    [Fact]
    public void A_quick_run_writes_every_promised_file()
    {
        int exitCode = RunSample("--limit", "256", "--epochs", "1", "--out", _out, "--device", "cpu");

        Assert.Equal(0, exitCode);
        AssertPng("samples.png");
        foreach (string model in new[] { "tutorial", "timm" })
        {
            AssertPng(Path.Combine(model, "predictions.png"));
            AssertPng(Path.Combine(model, "metrics.png"));
            Assert.Equal(2, File.ReadAllLines(Path.Combine(_out, model, "metrics.csv")).Length);
            Assert.Equal(1, CheckpointFile.ReadState(Path.Combine(_out, model, "checkpoints", "last.ckpt")).Epoch);
            Assert.True(File.Exists(Path.Combine(_out, model, "checkpoints", "epoch-1.ckpt")));
            Assert.Contains("Total parameters", ModelWeights.ReadMetadata(Path.Combine(_out, model, $"{model}.safetensors"))["summary"]);
            using var onnx = new ViT.Onnx.OnnxClassifier(Path.Combine(_out, model, $"{model}.onnx"));
            Assert.Equal(TutorialModels.Get(model).Summary.ToString(), onnx.Summary);
            var events = EventFile.Read(Assert.Single(Directory.GetFiles(Path.Combine(_out, model, "tensorboard", "version_0"))));
            var tags = events.Where(e => e.Summary is not null).SelectMany(e => e.Summary.Value.Select(v => v.Tag)).ToHashSet();
            Assert.Superset(new HashSet<string> { "val_loss", "val_acc", "predictions" }, tags);
        }
        string[] table = File.ReadAllLines(Path.Combine(_out, "comparison.txt"));
        Assert.StartsWith("Model", table[0]);
        Assert.EndsWith("Inference (TorchSharp) | Inference (ONNX Runtime)", table[0]);
        Assert.Contains(table, line => line.StartsWith("tutorial") && line.Contains("613,710"));
        Assert.Contains(table, line => line.StartsWith("timm") && line.Contains("371,910"));
    }

    [Fact]
    public void Predict_reads_the_checkpoint_and_the_weights_written_by_a_run()
    {
        Assert.Equal(0, RunSample("--model", "timm", "--limit", "128", "--epochs", "1", "--out", _out, "--device", "cpu"));

        Assert.Equal(0, RunSample("predict", Path.Combine(_out, "timm", "checkpoints", "last.ckpt"), "--model", "timm", "--out", _out));
        AssertPng("timm-predictions.png");
        File.Delete(Path.Combine(_out, "timm-predictions.png"));

        // In float32, as ONNX Runtime computes: the timm model's own bfloat16 products move an image or two across the line.
        string weights = TestAccuracyLine(() => RunSample("predict", Path.Combine(_out, "timm", "timm.safetensors"), "--model", "timm", "--precision", "fp32", "--out", _out));
        AssertPng("timm-predictions.png");
        File.Delete(Path.Combine(_out, "timm-predictions.png"));

        // The exported model, run by ONNX Runtime, scores what the weights score in TorchSharp.
        string onnx = Path.Combine(_out, "timm", "timm.onnx");
        Assert.Equal(weights, TestAccuracyLine(() => RunSample("predict", onnx, "--model", "timm", "--out", _out)));
        AssertPng("timm-predictions.png");

        var (exitCode, error) = SampleInvocation.Run("predict", onnx, "--model", "cnn", "--out", _out);
        Assert.Equal(1, exitCode);
        Assert.Equal($"error: {onnx} holds TimmViT, not cnn's LeNet; use --model timm.", error.TrimEnd());
    }

    /// <summary>Runs <paramref name="run"/> (which must succeed) and returns the accuracy from the test line it prints.</summary>
    static string TestAccuracyLine(Func<int> run)
    {
        var original = Console.Out;
        var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            Assert.Equal(0, run());
        }
        finally
        {
            Console.SetOut(original);
        }

        string line = Assert.Single(captured.ToString().Split('\n'), l => l.StartsWith("Test accuracy "));
        return line[..line.IndexOf(',')];
    }

    [Fact]
    public void Learning_rate_and_schedule_reach_the_trainer()
    {
        Assert.Equal(0, RunSample("--model", "timm", "--limit", "128", "--epochs", "1", "--lr", "1e-3", "--lr-schedule", "cosine", "--out", _out, "--device", "cpu"));

        var options = CheckpointFile.ReadState(Path.Combine(_out, "timm", "checkpoints", "last.ckpt")).Options;
        Assert.Equal((1e-3, LearningRateSchedule.Cosine), (options.LearningRate, options.Schedule));
    }

    [Fact]
    public void A_missing_data_folder_is_one_line_naming_it_and_exit_code_1()
    {
        string missing = Path.Combine(_out, "no-mnist-here");

        var (exitCode, error) = SampleInvocation.Run("--data", missing, "--out", _out);

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"error: Data folder {missing} does not exist", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void Resuming_with_another_learning_rate_is_refused_with_both_values()
    {
        Assert.Equal(0, RunSample("--model", "timm", "--limit", "128", "--epochs", "1", "--out", _out, "--device", "cpu"));

        var (exitCode, error) = SampleInvocation.Run("--model", "timm", "--limit", "128", "--epochs", "1", "--lr", "1e-3", "--resume", "--out", _out, "--device", "cpu");

        Assert.Equal(1, exitCode);
        Assert.Contains(Path.Combine(_out, "timm", "checkpoints", "last.ckpt"), error);
        Assert.Contains("LearningRate: checkpoint 0.0003, this run 0.001", error);
    }

    [Fact]
    public void Predict_with_a_file_that_is_not_a_checkpoint_names_it()
    {
        string bogus = Path.Combine(_out, "bogus.ckpt");
        File.WriteAllText(bogus, "these are not weights");

        var (exitCode, error) = SampleInvocation.Run("predict", bogus, "--model", "timm", "--out", _out);

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"error: {bogus}", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void Summaries_show_both_parameter_totals()
    {
        var text = new StringWriter();
        TutorialModels.PrintSummaries(text);

        Assert.Contains("Total parameters: 613,710", text.ToString());
        Assert.Contains("Total parameters: 371,910", text.ToString());
    }

    void AssertPng(string relativePath)
    {
        using var picture = PngFile.Read(Path.Combine(_out, relativePath));
        Assert.True(picture.Width > 100 && picture.Height > 100, $"{relativePath} is {picture.Width}x{picture.Height}");
    }
}

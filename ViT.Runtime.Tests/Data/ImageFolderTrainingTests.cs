using ViT.Runtime.Tests.Training;
using ViT.Data;
using ViT.Samples.Models;
using ViT.Training;

namespace ViT.Runtime.Tests.Data;

/// <summary>The whole path: a generated folder of color pictures, decoded to the timm model's gray 28×28, trained and tested.</summary>
public sealed class ImageFolderTrainingTests : IDisposable
{
    readonly string _root = Directory.CreateTempSubdirectory("vit-folder-train-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Three classes of 36×36 color pictures: PNGs for training, JPEGs for testing.</summary>
    void WriteFolder(int trainPerClass, int testPerClass)
    {
        string[] classes = ["diagonal", "left", "top"];
        for (int label = 0; label < 3; label++)
        {
            int pattern = label switch { 0 => 2, 1 => 0, _ => 1 };
            for (int i = 0; i < trainPerClass; i++) TestImages.Write(Path.Combine(_root, "train", classes[label], $"{i}.png"), 36, 36, TestImages.Pattern(pattern, 1000 * label + i, 36));
            for (int i = 0; i < testPerClass; i++) TestImages.Write(Path.Combine(_root, "test", classes[label], $"{i}.jpg"), 36, 36, TestImages.Pattern(pattern, 5000 + 1000 * label + i, 36));
        }
    }

    [Fact]
    public void Timm_model_learns_three_classes_of_generated_pictures()
    {
        WriteFolder(trainPerClass: 60, testPerClass: 20);

        using var data = DataFolder.Open(_root, new ImageShape(1, 28, 28));
        TorchSharp.torch.manual_seed(1);
        using var model = new TimmViT();
        var trainer = new Trainer(new TrainerOptions { Epochs = 5, BatchSize = 16, LearningRate = 1e-3, Device = "cpu", OutputDirectory = null }.ReportingTo(new RecordingReporter()));

        trainer.Fit(model, data.Train);
        var test = trainer.Test(model, data.Test);

        Assert.Equal(60, test.Count);
        Assert.True(test.Accuracy >= 0.9, $"test accuracy {test.Accuracy:P1}");
    }

    [Fact]
    public void The_sample_trains_the_timm_model_on_an_image_folder_and_reports_test_accuracy()
    {
        WriteFolder(trainPerClass: 8, testPerClass: 4);
        string output = Path.Combine(_root, "out");
        var console = new StringWriter();
        var original = Console.Out;
        Console.SetOut(console);
        int exitCode;
        try
        {
            exitCode = ViT.Samples.SampleProgram.CommandLine().Root.Parse(["--data", _root, "--model", "timm", "--epochs", "1", "--out", output, "--device", "cpu"]).Invoke();
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Equal(0, exitCode);
        Assert.Contains("Data: image folder (train/ and test/)", console.ToString());
        Assert.Contains("timm: test accuracy", console.ToString());
        Assert.Contains(File.ReadAllLines(Path.Combine(output, "comparison.txt")), line => line.StartsWith("timm"));
    }
}

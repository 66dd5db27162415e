using ViT.Data;
using ViT.Samples.Models;
using ViT.Training;

namespace ViT.Runtime.Tests.Data;

/// <summary>The whole path: a generated folder of color pictures, decoded to the timm model's gray 28×28, trained and tested.</summary>
public sealed class ImageFolderTrainingTests : IDisposable
{
    readonly string _root = Directory.CreateTempSubdirectory("vit-folder-train-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Timm_model_learns_three_classes_of_generated_pictures()
    {
        string[] classes = ["diagonal", "left", "top"];
        for (int label = 0; label < 3; label++)
        {
            int pattern = label switch { 0 => 2, 1 => 0, _ => 1 };
            for (int i = 0; i < 60; i++) TestImages.Write(Path.Combine(_root, "train", classes[label], $"{i}.png"), 36, 36, TestImages.Pattern(pattern, 1000 * label + i, 36));
            for (int i = 0; i < 20; i++) TestImages.Write(Path.Combine(_root, "test", classes[label], $"{i}.jpg"), 36, 36, TestImages.Pattern(pattern, 5000 + 1000 * label + i, 36));
        }

        using var data = DataFolder.Open(_root, new ImageShape(1, 28, 28));
        TorchSharp.torch.manual_seed(1);
        using var model = new TimmViT();
        var trainer = new Trainer(new TrainerOptions { Epochs = 5, BatchSize = 16, LearningRate = 1e-3, Device = "cpu", OutputDirectory = null },
            new PlainProgressReporter(TextWriter.Null, 100));

        trainer.Fit(model, data.Train);
        var test = trainer.Test(model, data.Test);

        Assert.Equal(60, test.Count);
        Assert.True(test.Accuracy >= 0.9, $"test accuracy {test.Accuracy:P1}");
    }
}

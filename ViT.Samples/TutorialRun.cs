using System.Diagnostics;
using TorchSharp;
using ViT.Data;
using ViT.Imaging;
using ViT.Samples.Cli;
using ViT.Samples.Models;
using ViT.Training;
using ViT.Weights;
using static TorchSharp.torch;

namespace ViT.Samples;

/// <summary>
/// The tutorial end to end: the data and its sample picture, then each chosen model summarised, trained,
/// tested and drawn with its predictions, and finally a table comparing the models.
/// </summary>
public static class TutorialRun
{
    /// <summary>Runs the tutorial as <paramref name="settings"/> ask; returns the process exit code.</summary>
    public static int Run(SampleSettings settings)
    {
        OutputFolder.Create(settings.OutputDirectory);
        using var mnist = Mnist.Load(settings.DataDirectory);
        DescribeData(mnist, settings);
        using var train = settings.Limit is int limit ? mnist.Train.Take(limit) : null;

        var results = new List<ModelResult>();
        foreach (string name in settings.Models)
            results.Add(TrainOne(TutorialModels.Get(name), train ?? mnist.Train, mnist.Test, settings));

        string table = ComparisonTable.Format(results);
        File.WriteAllText(Path.Combine(settings.OutputDirectory, "comparison.txt"), table);
        Console.WriteLine();
        Console.WriteLine(table);
        Console.WriteLine($"All output is in {settings.OutputDirectory}");
        return 0;
    }

    static void DescribeData(Mnist mnist, SampleSettings settings)
    {
        Console.WriteLine($"MNIST train: images {Shape(mnist.Train.Images)} {mnist.Train.Images.dtype}, labels {Shape(mnist.Train.Labels)} {mnist.Train.Labels.dtype}");
        Console.WriteLine($"MNIST test:  images {Shape(mnist.Test.Images)} {mnist.Test.Images.dtype}, labels {Shape(mnist.Test.Labels)} {mnist.Test.Labels.dtype}");
        using var scope = NewDisposeScope();
        var (images, labels) = mnist.Train.Batches(settings.BatchSize, shuffle: true, seed: settings.Seed).First();
        Console.WriteLine($"One training batch: images {Shape(images)}, labels {Shape(labels)}");

        int count = (int)Math.Min(64, images.shape[0]);
        string path = Path.Combine(settings.OutputDirectory, "samples.png");
        ImageGrid.Draw(images[..count], labels[..count].data<long>().ToArray().Select(label => label.ToString()).ToArray()).SavePng(path);
        Console.WriteLine($"Wrote {path}");
    }

    static ModelResult TrainOne(TutorialModels.Entry entry, ImageDataset train, ImageDataset test, SampleSettings settings)
    {
        Console.WriteLine();
        Console.WriteLine($"== {entry.Name}: {entry.Description}");
        Console.WriteLine(FormattableString.Invariant(
            $"Recipe: Adam, learning rate {settings.LearningRate:0.#####} ({settings.Schedule.ToString().ToLowerInvariant()}), batch {settings.BatchSize}, {settings.Epochs} epochs, seed {settings.Seed}"));
        string folder = Path.Combine(settings.OutputDirectory, entry.Name);
        torch.manual_seed(settings.Seed);
        using var model = entry.Create();
        var trainer = new Trainer(new TrainerOptions
        {
            Epochs = settings.Epochs,
            BatchSize = settings.BatchSize,
            LearningRate = settings.LearningRate,
            Schedule = settings.Schedule,
            Seed = settings.Seed,
            Device = settings.Device,
            OutputDirectory = folder,
            Resume = settings.Resume,
            LogEveryNSteps = 100,
        });

        var fit = trainer.Fit(model, train, test);
        // As in the tutorial, validation runs on the test images: the last epoch's validation is the test result.
        var last = fit.History[^1];
        var evaluation = new Evaluation(last.ValidationLoss, last.ValidationAccuracy, test.Count);
        Console.WriteLine($"{entry.Name}: test accuracy {evaluation.Accuracy:P2}, test loss {evaluation.Loss:F4} on {evaluation.Count:N0} images");
        WritePredictions(trainer, model, test, Path.Combine(folder, "predictions.png"));
        string weights = Path.Combine(folder, $"{entry.Name}.safetensors");
        ModelWeights.Save(model, weights, new Dictionary<string, string> { ["model"] = entry.Summary.ModelName, ["summary"] = entry.Summary.ToString() });
        Console.WriteLine($"Wrote {weights}");

        return new ModelResult(entry.Name, entry.Summary.TotalParameters, evaluation.Accuracy, evaluation.Loss,
            TimeSpan.FromSeconds(fit.TrainingSeconds), fit.ImagesPerSecond);
    }

    /// <summary>The tutorial's last picture: 64 test images titled label/prediction, green when right, red when wrong.</summary>
    internal static void WritePredictions(Trainer trainer, nn.Module<Tensor, Tensor> model, ImageDataset test, string path)
    {
        using var scope = NewDisposeScope();
        var images = test.Images.narrow(0, 0, Math.Min(64, test.Count));
        long[] predictions = trainer.Predict(model, images);
        long[] labels = test.Labels.narrow(0, 0, predictions.Length).data<long>().ToArray();
        PredictionGrid.Draw(images, labels, predictions).SavePng(path);
        Console.WriteLine($"Wrote {path}");
    }

    static string Shape(Tensor tensor) => $"[{string.Join(", ", tensor.shape)}]";
}

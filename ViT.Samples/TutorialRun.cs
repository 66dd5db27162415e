using ViT.Data;
using ViT.Imaging;
using ViT.Samples.Cli;

namespace ViT.Samples;

/// <summary>The tutorial end to end: data, sample picture, then each model trained, tested and compared.</summary>
public static class TutorialRun
{
    /// <summary>Runs the tutorial as <paramref name="settings"/> ask; returns the process exit code.</summary>
    public static int Run(SampleSettings settings)
    {
        Directory.CreateDirectory(settings.OutputDirectory);
        using var mnist = Mnist.Load(settings.DataDirectory);
        Console.WriteLine($"MNIST train: images {Shape(mnist.Train.Images.shape)} {mnist.Train.Images.dtype}, labels {Shape(mnist.Train.Labels.shape)} {mnist.Train.Labels.dtype}");
        Console.WriteLine($"MNIST test:  images {Shape(mnist.Test.Images.shape)} {mnist.Test.Images.dtype}, labels {Shape(mnist.Test.Labels.shape)} {mnist.Test.Labels.dtype}");

        var (images, labels) = mnist.Train.Batches(settings.BatchSize, shuffle: true, seed: settings.Seed).First();
        Console.WriteLine($"One training batch: images {Shape(images.shape)}, labels {Shape(labels.shape)}");
        WriteSamples(images, labels, Path.Combine(settings.OutputDirectory, "samples.png"));

        Console.WriteLine($"Output folder: {settings.OutputDirectory}");
        return 0;
    }

    /// <summary>The tutorial's first picture: the first 64 images of a batch titled with their labels.</summary>
    static void WriteSamples(TorchSharp.torch.Tensor images, TorchSharp.torch.Tensor labels, string path)
    {
        int count = (int)Math.Min(64, images.shape[0]);
        string[] titles = labels[..count].data<long>().ToArray().Select(label => label.ToString()).ToArray();
        ImageGrid.Draw(images[..count], titles).SavePng(path);
        Console.WriteLine($"Wrote {path}");
    }

    static string Shape(long[] shape) => $"[{string.Join(", ", shape)}]";
}

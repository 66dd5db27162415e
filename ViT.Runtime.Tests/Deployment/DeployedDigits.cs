using SkiaSharp;
using TorchSharp;
using ViT.Data;
using ViT.Onnx;
using ViT.Samples.Models;
using ViT.Training;

namespace ViT.Runtime.Tests.Deployment;

/// <summary>
/// What a deployment starts from: the sample's LeNet trained for one epoch on 10,000 MNIST digits and exported with
/// its class names, as the sample exports it; and MNIST test digits as PNG files, with their labels, as users send them.
/// </summary>
public sealed class DeployedDigits : IDisposable
{
    /// <summary>How many test digits become pictures.</summary>
    public const int Count = 100;

    public DeployedDigits()
    {
        Folder = Directory.CreateTempSubdirectory("vit-deployed-").FullName;
        using var mnist = Mnist.Load(ViT.Samples.SampleData.MnistDirectory);
        using var train = mnist.Train.Take(10_000);
        torch.manual_seed(3);
        using var model = new LeNet();
        new Trainer(new TrainerOptions { Epochs = 1, BatchSize = 32, LearningRate = 2e-3, Seed = 3, Device = "cpu", OutputDirectory = null },
            new Training.RecordingReporter()).Fit(model, train);
        ModelPath = Path.Combine(Folder, "cnn.onnx");
        model.ExportOnnx(ModelPath, new OnnxPreprocessing { ClassNames = Enumerable.Range(0, 10).Select(i => i.ToString()).ToArray() });

        long[] labels = mnist.Test.Labels.data<long>().ToArray();
        var pictures = new List<(string, int)>();
        for (int i = 0; i < Count; i++)
        {
            using var image = mnist.Test.ReadImages([i]);
            float[] values = image.data<float>().ToArray();
            using var bitmap = new SKBitmap(new SKImageInfo(28, 28, SKColorType.Gray8, SKAlphaType.Opaque));
            var pixels = bitmap.GetPixelSpan();
            for (int p = 0; p < values.Length; p++) pixels[p] = (byte)Math.Round(values[p] * 255);
            string path = Path.Combine(Folder, $"mnist-test-{i:D3}.png");
            using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(path, png.ToArray());
            pictures.Add((path, (int)labels[i]));
        }
        Pictures = pictures;
    }

    /// <summary>The folder holding the model and the pictures.</summary>
    public string Folder { get; }

    /// <summary>The exported model.</summary>
    public string ModelPath { get; }

    /// <summary>The first <see cref="Count"/> MNIST test digits as PNG files, with their labels.</summary>
    public IReadOnlyList<(string Path, int Label)> Pictures { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

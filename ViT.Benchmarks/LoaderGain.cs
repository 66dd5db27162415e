using System.Diagnostics;
using System.Globalization;
using SkiaSharp;
using TorchSharp;
using ViT.Data;
using ViT.Samples;
using ViT.Samples.Models;
using ViT.Training;
using ViT.Training.Callbacks;
using static TorchSharp.torch;

namespace ViT.Benchmarks;

/// <summary>
/// What preparing batches on a background thread gains per training step, on MNIST and on an image folder (written
/// from MNIST as 32×32 color PNGs the first time, then decoded to the model's gray 28×28 through the cache). Each
/// round trains the timm configuration for one epoch of <c>steps</c> batches of 64 with the loader in turn and with
/// prefetching, alternating which goes first, so the machine's drift hits both alike; the same with the usual
/// augmentation (random crop with padding 2, horizontal flip). Also times the image folder's first and second load.
/// Run: <c>dotnet run -c Release --project ViT.Benchmarks -- loader [folder] [rounds] [steps]</c>.
/// </summary>
public static class LoaderGain
{
    const int BatchSize = 64;

    public static void Run(string folder, int rounds, int steps)
    {
        var shape = new ImageShape(1, 28, 28);
        using var mnist = Mnist.Load(SampleData.MnistDirectory);
        using var mnistSlice = mnist.Train.Take(steps * BatchSize);
        if (!Directory.Exists(folder)) WriteImageFolder(folder, mnist, trainCount: 20_000, testCount: 2_000);

        string cache = Path.Combine(folder, ImageFolder.CacheFolderName);
        if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
        var clock = Stopwatch.StartNew();
        ImageFolder.Load(folder, shape, new ImageFolderOptions { Log = Console.Out }).Dispose();
        double firstLoad = clock.Elapsed.TotalSeconds;
        clock.Restart();
        using var images = ImageFolder.Load(folder, shape);
        double secondLoad = clock.Elapsed.TotalSeconds;
        long cacheBytes = Directory.GetFiles(cache).Sum(path => new FileInfo(path).Length);
        Console.WriteLine(Invariant($"Image folder {folder}: first load (decode + write cache) {firstLoad:F1} s, second load (cache) {secondLoad:F2} s, cache {cacheBytes / 1e6:F1} MB"));
        var folderSlice = ImageSourceView.First(images.Train, steps * BatchSize);

        var augment = new TransformPipeline(new RandomCrop(2), new RandomHorizontalFlip());
        Compare("MNIST", mnistSlice, null, rounds);
        Compare("MNIST + crop/flip", mnistSlice, augment, rounds);
        Compare("image folder", folderSlice, null, rounds);
        Compare("image folder + crop/flip", folderSlice, augment, rounds);
    }

    static void Compare(string name, IImageSource data, TransformPipeline? transforms, int rounds)
    {
        StepMilliseconds(data, transforms, prefetch: 0); // warm-up: JIT, allocator, thread pools
        var inTurn = new List<double>();
        var prefetched = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            bool inTurnFirst = round % 2 == 0;
            double first = StepMilliseconds(data, transforms, inTurnFirst ? 0 : 2);
            double second = StepMilliseconds(data, transforms, inTurnFirst ? 2 : 0);
            inTurn.Add(inTurnFirst ? first : second);
            prefetched.Add(inTurnFirst ? second : first);
        }
        var gains = inTurn.Zip(prefetched, (a, b) => 1 - b / a).Order().ToList();
        Console.WriteLine(Invariant(
            $"{name,-26} in turn {Median(inTurn):F1} ms/step ({inTurn.Min():F1}-{inTurn.Max():F1}), prefetch 2 {Median(prefetched):F1} ms/step ({prefetched.Min():F1}-{prefetched.Max():F1}); gain median {Median(gains):P1} (pairs {gains[0]:P1} to {gains[^1]:P1})"));
    }

    static double StepMilliseconds(IImageSource data, TransformPipeline? transforms, int prefetch)
    {
        torch.manual_seed(1);
        using var model = new TimmViT();
        var trainer = new Trainer(new TrainerOptions
        {
            Epochs = 1, BatchSize = BatchSize, Seed = 1, Device = "cpu", OutputDirectory = null, Transforms = transforms, Prefetch = prefetch,
            Callbacks = [new PlainProgressBar(TextWriter.Null, 1000)],
        });
        var fit = trainer.Fit(model, data);
        return fit.TrainingSeconds * 1000 / ((data.Count + BatchSize - 1) / BatchSize);
    }

    /// <summary>MNIST digits as 32×32 color PNGs (tinted by class, centred with a 2-pixel border) in train/ and test/ class folders.</summary>
    static void WriteImageFolder(string folder, Mnist mnist, int trainCount, int testCount)
    {
        Console.WriteLine($"Writing {trainCount + testCount:N0} PNGs into {folder} ...");
        Write(Path.Combine(folder, "train"), mnist.Train, trainCount);
        Write(Path.Combine(folder, "test"), mnist.Test, testCount);
    }

    static void Write(string folder, ImageDataset data, int count)
    {
        using var pixels = data.Images.narrow(0, 0, count).contiguous();
        byte[] bytes = pixels.data<byte>().ToArray();
        long[] labels = data.Labels.narrow(0, 0, count).data<long>().ToArray();
        Parallel.For(0, count, i =>
        {
            using var bitmap = new SKBitmap(32, 32, SKColorType.Rgba8888, SKAlphaType.Unpremul);
            for (int y = 0; y < 28; y++)
                for (int x = 0; x < 28; x++)
                {
                    byte v = bytes[i * 784 + y * 28 + x];
                    bitmap.SetPixel(x + 2, y + 2, new SKColor(v, (byte)(v * (labels[i] + 1) / 10), (byte)(255 - v)));
                }
            string path = Path.Combine(folder, labels[i].ToString(CultureInfo.InvariantCulture), $"{i:D5}.png");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(path, png.ToArray());
        });
    }

    static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

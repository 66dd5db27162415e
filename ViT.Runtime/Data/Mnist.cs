namespace ViT.Data;

/// <summary>
/// MNIST from the four original IDX files (gzipped or raw), checked against SHA256SUMS when the folder has one:
/// 60,000 training and 10,000 test images of 28×28, labels 0 to 9. With no folder given it is downloaded once into a
/// per-user cache (<see cref="MnistDownload"/>), as torchvision and Keras do. Fashion-MNIST, KMNIST and other IDX data
/// sets with the same file names load the same way.
/// </summary>
[ImageShape(1, 28, 28, Classes = 10)]
public sealed class Mnist : IDisposable
{
    /// <summary>The image shape of MNIST, <c>[1, 28, 28]</c> (the attribute states it for the compile-time check).</summary>
    public static readonly ImageShape Shape = new(1, 28, 28);

    /// <summary>The number of classes.</summary>
    public const int ClassCount = 10;

    Mnist(ImageDataset train, ImageDataset test)
    {
        Train = train;
        Test = test;
    }

    /// <summary>The 60,000 training examples.</summary>
    public ImageDataset Train { get; }

    /// <summary>The 10,000 test examples.</summary>
    public ImageDataset Test { get; }

    /// <summary>
    /// Loads both splits from <paramref name="directory"/>; when it is null, from the per-user cache, downloading
    /// the files first if they are not there (progress on <paramref name="progress"/>, default the console).
    /// </summary>
    public static Mnist Load(string? directory = null, TextWriter? progress = null)
    {
        directory ??= MnistDownload.EnsureDownloaded(progress: progress);
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"MNIST folder {directory} does not exist; pass the folder holding the four IDX files.");
        var train = LoadSplit(directory, "train");
        try
        {
            return new Mnist(train, LoadSplit(directory, "t10k"));
        }
        catch
        {
            train.Dispose();
            throw;
        }
    }

    /// <summary>Loads one split, <c>train</c> or <c>t10k</c>, accepting <c>.gz</c> or raw files.</summary>
    public static ImageDataset LoadSplit(string directory, string prefix)
    {
        string imagesPath = Find(directory, $"{prefix}-images-idx3-ubyte");
        string labelsPath = Find(directory, $"{prefix}-labels-idx1-ubyte");
        Sha256Sums.VerifyAgainstSiblingSums(imagesPath);
        Sha256Sums.VerifyAgainstSiblingSums(labelsPath);
        return IdxImages.Load(imagesPath, labelsPath);
    }

    static string Find(string directory, string baseName)
    {
        string gz = Path.Combine(directory, baseName + ".gz");
        if (File.Exists(gz)) return gz;
        string raw = Path.Combine(directory, baseName);
        if (File.Exists(raw)) return raw;
        throw new FileNotFoundException($"{gz}: not found (nor {baseName} uncompressed). The folder {directory} must hold the MNIST IDX files.", gz);
    }

    /// <summary>Disposes both splits.</summary>
    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
    }
}

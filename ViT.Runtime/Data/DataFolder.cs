namespace ViT.Data;

/// <summary>
/// Opens whatever data set a folder holds, recognised from its contents: IDX files named as MNIST's (MNIST,
/// Fashion-MNIST, KMNIST; EMNIST's prefixed names too), CIFAR-10 or CIFAR-100 binary files, or an image folder.
/// The result carries the conversion of its images to the model's input.
/// </summary>
public static class DataFolder
{
    /// <summary>What <see cref="Open"/> looks for, in the order it looks.</summary>
    public const string Recognised =
        "IDX files named as MNIST's (train-images-idx3-ubyte[.gz], t10k-images-idx3-ubyte[.gz] and their labels files, with any prefix such as emnist-digits-), " +
        "CIFAR-10 binary (data_batch_1.bin ... data_batch_5.bin, test_batch.bin), CIFAR-100 binary (train.bin, test.bin), " +
        "or an image folder (one sub-folder of PNG, JPEG, BMP or WebP pictures per class, optionally inside train/ and test/)";

    /// <summary>
    /// Opens the data set in <paramref name="directory"/> for a model that takes <paramref name="modelInput"/>;
    /// <paramref name="cancellation"/> stops decoding an image folder between pictures.
    /// </summary>
    public static DataSplits Open(string directory, ImageShape modelInput, ImageFolderOptions? options = null, CancellationToken cancellation = default)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Data folder {directory} does not exist; pass a folder that holds {Recognised}.");

        if (IdxPair(directory, "train") is { } train && (IdxPair(directory, "t10k") ?? IdxPair(directory, "test")) is { } test)
        {
            foreach (string path in new[] { train.Images, train.Labels, test.Images, test.Labels }) Sha256Sums.VerifyAgainstSiblingSums(path);
            var trainSet = IdxImages.Load(train.Images, train.Labels);
            try
            {
                var testSet = IdxImages.Load(test.Images, test.Labels);
                int classes = Math.Max(trainSet.ClassCount, testSet.ClassCount);
                return new DataSplits("IDX", trainSet, testSet, Enumerable.Range(0, classes).Select(i => i.ToString()).ToArray(),
                    TransformPipeline.Convert(trainSet.ImageShape, modelInput), trainSet, testSet);
            }
            catch
            {
                trainSet.Dispose();
                throw;
            }
        }

        foreach (string candidate in new[] { directory, Path.Combine(directory, "cifar-10-batches-bin"), Path.Combine(directory, "cifar-100-binary") })
        {
            if (Directory.Exists(candidate) && CifarBinary.IsCifar(candidate)) return CifarBinary.Load(candidate, modelInput);
        }

        if (ImageFolder.IsImageFolder(directory)) return ImageFolder.Load(directory, modelInput, options, cancellation);

        throw new DataFormatException(directory, $"holds no data set this program recognises; it looked for {Recognised}.");
    }

    /// <summary>The images and labels files of one IDX split (<c>train</c>, <c>t10k</c> or <c>test</c>), gzipped or raw, with any prefix.</summary>
    static (string Images, string Labels)? IdxPair(string directory, string split)
    {
        foreach (string suffix in new[] { ".gz", "" })
        {
            string? images = Directory.EnumerateFiles(directory, $"*{split}-images-idx3-ubyte{suffix}").Order(StringComparer.Ordinal).FirstOrDefault();
            if (images is null) continue;
            string labels = Path.Combine(directory, Path.GetFileName(images).Replace($"{split}-images-idx3-ubyte", $"{split}-labels-idx1-ubyte"));
            if (File.Exists(labels)) return (images, labels);
        }
        return null;
    }
}

using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Data;

/// <summary>
/// CIFAR-10 and CIFAR-100 in their binary versions: records of the label byte(s) then 3,072 pixel bytes (1,024 red,
/// 1,024 green, 1,024 blue, each 32×32 row-major). CIFAR-10 has one label byte and the files <c>data_batch_1.bin</c>
/// to <c>data_batch_5.bin</c> and <c>test_batch.bin</c>; CIFAR-100 has a coarse and a fine label byte (the fine label
/// is used) in <c>train.bin</c> and <c>test.bin</c>.
/// </summary>
[ImageShape(3, 32, 32)]
public static class CifarBinary
{
    /// <summary>The image shape of CIFAR, <c>[3, 32, 32]</c>.</summary>
    public static readonly ImageShape Shape = new(3, 32, 32);

    /// <summary>Whether <paramref name="directory"/> holds CIFAR-10's or CIFAR-100's binary files.</summary>
    public static bool IsCifar(string directory) =>
        File.Exists(Path.Combine(directory, "test_batch.bin")) || File.Exists(Path.Combine(directory, "train.bin")) && File.Exists(Path.Combine(directory, "test.bin"));

    /// <summary>Loads the training and test splits from <paramref name="directory"/>, CIFAR-10's or CIFAR-100's.</summary>
    public static DataSplits Load(string directory, ImageShape modelInput)
    {
        bool cifar10 = File.Exists(Path.Combine(directory, "test_batch.bin"));
        var trainFiles = cifar10
            ? Enumerable.Range(1, 5).Select(i => Path.Combine(directory, $"data_batch_{i}.bin")).ToArray()
            : new[] { Path.Combine(directory, "train.bin") };
        string testFile = Path.Combine(directory, cifar10 ? "test_batch.bin" : "test.bin");
        int classes = cifar10 ? 10 : 100;
        var train = LoadFiles(trainFiles, classes);
        try
        {
            var test = LoadFiles(new[] { testFile }, classes);
            string namesFile = Path.Combine(directory, cifar10 ? "batches.meta.txt" : "fine_label_names.txt");
            var names = File.Exists(namesFile) ? File.ReadLines(namesFile).Where(line => line.Trim().Length > 0).Select(line => line.Trim()).ToArray() : [];
            if (names.Length != classes) names = Enumerable.Range(0, classes).Select(i => i.ToString()).ToArray();
            return new DataSplits(cifar10 ? "CIFAR-10 binary" : "CIFAR-100 binary", train, test, names, TransformPipeline.Convert(Shape, modelInput), train, test);
        }
        catch
        {
            train.Dispose();
            throw;
        }
    }

    /// <summary>Reads the records of <paramref name="paths"/> into one data set; <paramref name="classes"/> is 10 or 100.</summary>
    public static ImageDataset LoadFiles(IReadOnlyList<string> paths, int classes)
    {
        int labelBytes = classes == 100 ? 2 : 1;
        int recordLength = labelBytes + (int)Shape.Elements;
        var pixels = new List<byte[]>();
        var labels = new List<long>();
        foreach (string path in paths)
        {
            if (!File.Exists(path))
                throw new FileNotFoundException($"{path}: not found. A CIFAR-{classes} folder holds {(classes == 10 ? "data_batch_1.bin to data_batch_5.bin and test_batch.bin" : "train.bin and test.bin")}.", path);
            byte[] bytes = File.ReadAllBytes(path);
            if (bytes.Length == 0 || bytes.Length % recordLength != 0)
                throw new DataFormatException(path,
                    $"is {bytes.Length:N0} bytes, not a whole number of {recordLength:N0}-byte records ({labelBytes} label byte{(labelBytes == 1 ? "" : "s")} and {Shape.Elements:N0} pixel bytes each); the file is truncated or not CIFAR-{classes}'s binary version.");
            for (int offset = 0; offset < bytes.Length; offset += recordLength)
            {
                int label = bytes[offset + labelBytes - 1];
                if (label >= classes)
                    throw new DataFormatException(path, $"record {offset / recordLength:N0} has label {label}, but CIFAR-{classes} has labels 0 to {classes - 1}; the file is corrupt or from the other CIFAR.");
                labels.Add(label);
            }
            pixels.Add(bytes);
        }

        using var scope = NewDisposeScope();
        var images = cat(pixels.Select(bytes => tensor(bytes, dtype: ScalarType.Byte).reshape(-1, recordLength).narrow(1, labelBytes, Shape.Elements)).ToArray())
            .reshape(-1, Shape.Channels, Shape.Height, Shape.Width);
        return new ImageDataset(images, tensor(labels.ToArray()), string.Join(", ", paths.Select(Path.GetFileName)) + $" in {Path.GetDirectoryName(paths[0])}");
    }
}

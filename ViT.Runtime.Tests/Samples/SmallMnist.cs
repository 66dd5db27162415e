using ViT.Data;
using ViT.Runtime.Tests.Data;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Samples;

/// <summary>The first digits of MNIST as IDX files in a folder of their own, so that a whole sample run takes seconds.</summary>
public static class SmallMnist
{
    /// <summary>Writes <paramref name="train"/> training and <paramref name="test"/> test digits under <paramref name="folder"/>; returns it.</summary>
    public static string Write(string folder, int train = 512, int test = 256)
    {
        Directory.CreateDirectory(folder);
        using var mnist = Mnist.Load(ViT.Samples.SampleData.MnistDirectory);
        WriteSplit(folder, "train", mnist.Train, train);
        WriteSplit(folder, "t10k", mnist.Test, test);
        return folder;
    }

    static void WriteSplit(string folder, string split, ImageDataset data, int count)
    {
        using var scope = NewDisposeScope();
        long[] first = Enumerable.Range(0, count).Select(i => (long)i).ToArray();
        var images = data.ReadImages(first).mul(255).round().to_type(ScalarType.Byte);
        var labels = data.ReadLabels(first).to_type(ScalarType.Byte);
        File.WriteAllBytes(Path.Combine(folder, $"{split}-images-idx3-ubyte"), [.. IdxBytes.Header([(uint)count, 28, 28]), .. images.data<byte>().ToArray()]);
        File.WriteAllBytes(Path.Combine(folder, $"{split}-labels-idx1-ubyte"), [.. IdxBytes.Header([(uint)count]), .. labels.data<byte>().ToArray()]);
    }
}

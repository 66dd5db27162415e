using ViT.Data;
using static TorchSharp.torch;

namespace ViT.Samples;

/// <summary>The sample's data: the MNIST copy it carries by default, or any data set <c>--data</c> names.</summary>
public static class SampleData
{
    /// <summary>The repository's MNIST, copied beside the sample by its project file, so a fresh clone runs offline.</summary>
    public static string MnistDirectory => Path.Combine(AppContext.BaseDirectory, "data", "mnist");

    /// <summary>
    /// Opens the data in <paramref name="directory"/> for a model taking <paramref name="modelInput"/>, reporting decoding
    /// and caching; <paramref name="cancellation"/> stops decoding an image folder between pictures.
    /// </summary>
    public static DataSplits Open(string directory, ImageShape modelInput, int seed, long maxImagePixels = ImageDecoder.DefaultMaxPixels, CancellationToken cancellation = default) =>
        DataFolder.Open(directory, modelInput, new ImageFolderOptions { Seed = seed, MaxImagePixels = maxImagePixels, Log = Console.Out }, cancellation);

    /// <summary>The first <paramref name="count"/> examples of <paramref name="source"/> as the model sees them, and their labels.</summary>
    public static (Tensor Images, Tensor Labels) First(IImageSource source, TransformPipeline toModel, int count)
    {
        long[] indices = Enumerable.Range(0, Math.Min(count, source.Count)).Select(i => (long)i).ToArray();
        return (toModel.Apply(source.ReadImages(indices), new TransformContext(0, 0, indices)), source.ReadLabels(indices));
    }
}

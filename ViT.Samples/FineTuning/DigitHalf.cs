using ViT.Data;
using ViT.Samples.Cli;
using static TorchSharp.torch;

namespace ViT.Samples.FineTuning;

/// <summary>Five consecutive classes of a data set (MNIST's digits 0-4 or 5-9), relabelled 0 to 4, in memory.</summary>
public static class DigitHalf
{
    /// <summary>How many classes a half holds.</summary>
    public const int Classes = 5;

    /// <summary>The images of <paramref name="source"/> whose class is <paramref name="first"/> to <paramref name="first"/> + 4, with their labels less <paramref name="first"/>.</summary>
    public static ImageDataset Of(IImageSource source, int first)
    {
        long[] all = Enumerable.Range(0, source.Count).Select(i => (long)i).ToArray();
        using var labels = source.ReadLabels(all);
        long[] kept = labels.data<long>().ToArray().Select((label, index) => (label, index)).Where(pair => pair.label >= first && pair.label < first + Classes).Select(pair => (long)pair.index).ToArray();
        if (kept.Length == 0)
            throw new UsageException($"{source.Description} holds no images of classes {first} to {first + Classes - 1}; finetune splits a data set of at least ten classes into two halves.");
        var images = source.ReadImages(kept);
        var relabelled = source.ReadLabels(kept).sub_(first);
        return new ImageDataset(images, relabelled, $"{source.Description}, classes {first} to {first + Classes - 1}");
    }
}

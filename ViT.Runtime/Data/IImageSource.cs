using static TorchSharp.torch;

namespace ViT.Data;

/// <summary>
/// Labelled images, whatever they are stored in (tensors in memory, IDX, CIFAR, an image folder's cache file):
/// the one thing a <see cref="BatchLoader"/> reads batches from.
/// </summary>
public interface IImageSource
{
    /// <summary>What the data is, for messages: a file or folder and the split.</summary>
    string Description { get; }

    /// <summary>The number of examples.</summary>
    int Count { get; }

    /// <summary>The shape of every image, before any transform.</summary>
    ImageShape ImageShape { get; }

    /// <summary>One more than the largest label: the classes a model needs to predict every label.</summary>
    int ClassCount { get; }

    /// <summary>The images at <paramref name="indices"/> as float32 <c>[B, C, H, W]</c> in [0, 1] on the CPU.</summary>
    Tensor ReadImages(long[] indices);

    /// <summary>The labels at <paramref name="indices"/> as int64 <c>[B]</c> on the CPU.</summary>
    Tensor ReadLabels(long[] indices);
}

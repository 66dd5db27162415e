using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Data;

/// <summary>
/// Labelled images held as two tensors in memory: images <c>[N, C, H, W]</c> (float32 in [0, 1], or bytes 0 to 255
/// that are scaled when read) and labels <c>[N]</c> (int64). Batches are gathered from these, never one tensor per image.
/// Every other source loads into one of these or reads like one.
/// </summary>
public sealed class ImageDataset : IImageSource, IDisposable
{
    /// <summary>Wraps the tensors, which the data set then owns and disposes.</summary>
    /// <param name="images"><c>[N, C, H, W]</c>, float32 in [0, 1] or uint8.</param>
    /// <param name="labels"><c>[N]</c>, integers from 0.</param>
    /// <param name="description">What the data is, for messages (a file name, a folder and split).</param>
    public ImageDataset(Tensor images, Tensor labels, string description = "tensors in memory")
    {
        if (images.dim() != 4)
            throw new ArgumentException($"images must be [N, C, H, W]; got [{string.Join(", ", images.shape)}].", nameof(images));
        if (images.dtype is not (ScalarType.Float32 or ScalarType.Byte))
            throw new ArgumentException($"images must be float32 in [0, 1] or uint8; got {images.dtype}.", nameof(images));
        if (labels.dim() != 1 || labels.shape[0] != images.shape[0])
            throw new ArgumentException($"labels must be [N] with N = {images.shape[0]}; got [{string.Join(", ", labels.shape)}].", nameof(labels));
        if (!torch.is_integral(labels.dtype) || labels.dtype == ScalarType.Bool)
            throw new ArgumentException($"labels must be integer class indices; {description} has {labels.dtype} labels, which would be truncated (1.9 to 1, NaN to " +
                $"{long.MinValue}). Convert them where you make them, after checking they are whole numbers: labels.round().to_type(ScalarType.Int64).", nameof(labels));
        if (labels.dtype != ScalarType.Int64) labels = labels.to_type(ScalarType.Int64);
        if (labels.numel() > 0 && labels.min().item<long>() < 0)
            throw new ArgumentException($"labels must be class indices from 0; {description} has {labels.min().item<long>()}.", nameof(labels));

        Images = images.DetachFromDisposeScope();
        Labels = labels.DetachFromDisposeScope();
        Description = description;
        ImageShape = ImageShape.Of(images.shape);
        ClassCount = labels.numel() == 0 ? 0 : (int)labels.max().item<long>() + 1;
    }

    /// <summary>Images <c>[N, C, H, W]</c>, float32 in [0, 1] or uint8 as given.</summary>
    public Tensor Images { get; }

    /// <summary>Labels <c>[N]</c>, int64.</summary>
    public Tensor Labels { get; }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public int Count => (int)Images.shape[0];

    /// <inheritdoc/>
    public ImageShape ImageShape { get; }

    /// <inheritdoc/>
    public int ClassCount { get; }

    /// <inheritdoc/>
    public Tensor ReadImages(long[] indices)
    {
        using var index = tensor(indices);
        return ImagePixels.ToFloat(Images.index_select(0, index));
    }

    /// <inheritdoc/>
    public Tensor ReadLabels(long[] indices)
    {
        using var index = tensor(indices);
        return Labels.index_select(0, index);
    }

    /// <summary>A data set over the first <paramref name="count"/> examples (all of them if there are fewer).</summary>
    public ImageDataset Take(int count)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "count must not be negative.");
        long n = Math.Min(count, Count);
        return new ImageDataset(Images.narrow(0, 0, n).clone(), Labels.narrow(0, 0, n).clone(), Description);
    }

    /// <summary>Disposes the two tensors.</summary>
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}

using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Data;

/// <summary>
/// A labelled image data set held as two tensors: images <c>[N, C, H, W]</c> as float32 in [0, 1]
/// and labels <c>[N]</c> as int64. Batches are slices of these, never one tensor per image.
/// </summary>
public sealed class ImageDataset : IDisposable
{
    /// <summary>Wraps the tensors; the data set owns and disposes them.</summary>
    public ImageDataset(Tensor images, Tensor labels)
    {
        if (images.dim() != 4)
            throw new ArgumentException($"images must be [N, C, H, W]; got [{string.Join(", ", images.shape)}].", nameof(images));
        if (labels.dim() != 1 || labels.shape[0] != images.shape[0])
            throw new ArgumentException($"labels must be [N] with N = {images.shape[0]}; got [{string.Join(", ", labels.shape)}].", nameof(labels));
        Images = images.DetachFromDisposeScope();
        Labels = labels.DetachFromDisposeScope();
    }

    /// <summary>Images <c>[N, C, H, W]</c>, float32 in [0, 1].</summary>
    public Tensor Images { get; }

    /// <summary>Labels <c>[N]</c>, int64.</summary>
    public Tensor Labels { get; }

    /// <summary>The number of examples.</summary>
    public int Count => (int)Images.shape[0];

    /// <summary>The shape of one image, <c>[C, H, W]</c>.</summary>
    public long[] ImageShape => Images.shape[1..];

    /// <summary>A data set over the first <paramref name="count"/> examples (all of them if there are fewer).</summary>
    public ImageDataset Take(int count)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "count must not be negative.");
        long n = Math.Min(count, Count);
        return new ImageDataset(Images.narrow(0, 0, n).clone(), Labels.narrow(0, 0, n).clone());
    }

    /// <summary>
    /// Batches in order, or shuffled by a permutation that depends only on <paramref name="seed"/> and
    /// <paramref name="epoch"/>, so a resumed run sees the same batches it would have seen.
    /// </summary>
    public IEnumerable<(Tensor Images, Tensor Labels)> Batches(int batchSize, bool shuffle = false, int seed = 0, int epoch = 0)
    {
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch size must be positive.");
        long[]? order = shuffle ? Permutation(Count, seed, epoch) : null;
        for (int start = 0; start < Count; start += batchSize)
        {
            int size = Math.Min(batchSize, Count - start);
            if (order is null)
            {
                yield return (Images.narrow(0, start, size), Labels.narrow(0, start, size));
            }
            else
            {
                // The caller's dispose scope owns the batch; the index tensor is freed here.
                var indices = tensor(order.AsSpan(start, size).ToArray());
                var batch = (Images.index_select(0, indices), Labels.index_select(0, indices));
                indices.Dispose();
                yield return batch;
            }
        }
    }

    /// <summary>The number of batches of the given size (the last may be smaller).</summary>
    public int BatchCount(int batchSize) => (Count + batchSize - 1) / batchSize;

    /// <summary>A Fisher-Yates permutation of 0..count-1 seeded by (seed, epoch).</summary>
    public static long[] Permutation(int count, int seed, int epoch)
    {
        var random = new Random(unchecked(seed * 1_000_003 + epoch));
        var order = new long[count];
        for (int i = 0; i < count; i++) order[i] = i;
        for (int i = count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    /// <summary>Builds a data set from IDX images <c>[N, H, W]</c> and labels <c>[N]</c>, scaling pixels to [0, 1].</summary>
    public static ImageDataset FromIdx(IdxData images, IdxData labels, string imagesPath, string labelsPath)
    {
        if (images.Count != labels.Count)
            throw new DataFormatException(labelsPath,
                $"holds {labels.Count:N0} labels but {Path.GetFileName(imagesPath)} holds {images.Count:N0} images; the two files must describe the same examples.");
        int height = images.Dimensions[1], width = images.Dimensions[2];
        using var scope = NewDisposeScope();
        var pixels = torch.tensor(images.Elements.ToArray(), dtype: ScalarType.Byte)
            .reshape(images.Count, 1, height, width)
            .to_type(ScalarType.Float32)
            .div_(255f);
        var classes = torch.tensor(labels.Elements.ToArray(), dtype: ScalarType.Byte).to_type(ScalarType.Int64);
        return new ImageDataset(pixels, classes);
    }

    /// <summary>Disposes the two tensors.</summary>
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}

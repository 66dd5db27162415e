using Microsoft.Win32.SafeHandles;
using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Data;

/// <summary>
/// An image folder's cache file read image by image as batches ask for them, for data too large to hold in memory:
/// each batch costs one positioned read per image, served by the operating system's file cache when it fits there.
/// </summary>
public sealed class CachedImageFile : IImageSource, IDisposable
{
    readonly SafeFileHandle _file;
    readonly long _pixelsOffset;
    readonly long[] _labels;

    internal CachedImageFile(string path, ImageShape shape, int[] labels, long pixelsOffset, string description)
    {
        _file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        _pixelsOffset = pixelsOffset;
        _labels = Array.ConvertAll(labels, label => (long)label);
        ImageShape = shape;
        Description = description;
        ClassCount = labels.Length == 0 ? 0 : labels.Max() + 1;
    }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public int Count => _labels.Length;

    /// <inheritdoc/>
    public ImageShape ImageShape { get; }

    /// <inheritdoc/>
    public int ClassCount { get; }

    /// <inheritdoc/>
    public Tensor ReadImages(long[] indices)
    {
        int size = (int)ImageShape.Elements;
        var bytes = new byte[indices.Length * size];
        for (int i = 0; i < indices.Length; i++)
            RandomAccess.Read(_file, bytes.AsSpan(i * size, size), _pixelsOffset + indices[i] * size);
        using var pixels = tensor(bytes, dtype: ScalarType.Byte);
        return pixels.reshape(indices.Length, ImageShape.Channels, ImageShape.Height, ImageShape.Width).to_type(ScalarType.Float32).div_(255f);
    }

    /// <inheritdoc/>
    public Tensor ReadLabels(long[] indices) => tensor(Array.ConvertAll(indices, i => _labels[i]));

    /// <summary>Closes the file.</summary>
    public void Dispose() => _file.Dispose();
}

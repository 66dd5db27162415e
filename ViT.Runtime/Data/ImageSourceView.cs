using static TorchSharp.torch;

namespace ViT.Data;

/// <summary>
/// Some examples of another source, by index, without copying: the seeded split of an image folder that has no
/// <c>train/</c> and <c>test/</c> folders, or the first N examples for a quick run.
/// </summary>
public sealed class ImageSourceView : IImageSource
{
    readonly IImageSource _source;
    readonly long[] _indices;

    /// <summary>A view of <paramref name="source"/>'s examples at <paramref name="indices"/>, in that order.</summary>
    public ImageSourceView(IImageSource source, long[] indices, string description)
    {
        if (indices.Any(i => i < 0 || i >= source.Count))
            throw new ArgumentOutOfRangeException(nameof(indices), $"indices must lie in [0, {source.Count}).");
        _source = source;
        _indices = indices;
        Description = description;
        using var labels = source.ReadLabels(indices);
        ClassCount = indices.Length == 0 ? 0 : (int)labels.max().item<long>() + 1;
    }

    /// <summary>The first <paramref name="count"/> examples of <paramref name="source"/> (all when it has fewer).</summary>
    public static ImageSourceView First(IImageSource source, int count)
    {
        long[] indices = Enumerable.Range(0, Math.Min(Math.Max(count, 0), source.Count)).Select(i => (long)i).ToArray();
        return new ImageSourceView(source, indices, $"the first {indices.Length:N0} of {source.Description}");
    }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public int Count => _indices.Length;

    /// <inheritdoc/>
    public ImageShape ImageShape => _source.ImageShape;

    /// <inheritdoc/>
    public int ClassCount { get; }

    /// <inheritdoc/>
    public Tensor ReadImages(long[] indices) => _source.ReadImages(Map(indices));

    /// <inheritdoc/>
    public Tensor ReadLabels(long[] indices) => _source.ReadLabels(Map(indices));

    long[] Map(long[] indices) => Array.ConvertAll(indices, i => _indices[i]);
}

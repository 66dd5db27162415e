using static TorchSharp.torch;

namespace ViT.Data;

/// <summary>
/// What <see cref="IImageSource"/> promises, checked where its tensors enter training: float32 images of its declared
/// shape, and int64 labels that are class indices. A source's fault is then one <see cref="DataSourceException"/> naming
/// it, not a libtorch message naming nothing (or, worse, a float label silently truncated).
/// </summary>
internal static class SourceContract
{
    /// <summary>Reads the images and labels at <paramref name="indices"/>, checked; a source's own failure is named too.</summary>
    public static (Tensor Images, Tensor Labels) Read(IImageSource source, long[] indices)
    {
        try
        {
            var images = source.ReadImages(indices);
            var shape = source.ImageShape;
            Require(source, images, "ReadImages", ScalarType.Float32, [indices.Length, shape.Channels, shape.Height, shape.Width]);
            return (images, Labels(source, indices));
        }
        catch (Exception error) when (error is not (DataFormatException or DataSourceException or OperationCanceledException or OutOfMemoryException))
        {
            throw new DataSourceException($"{source.Description}: reading examples {Range(indices)} failed: {error.Message}", error);
        }
    }

    /// <summary>The labels at <paramref name="indices"/>, checked to be int64 <c>[B]</c> and not negative.</summary>
    public static Tensor Labels(IImageSource source, long[] indices)
    {
        var labels = source.ReadLabels(indices);
        Require(source, labels, "ReadLabels", ScalarType.Int64, [indices.Length]);
        if (indices.Length > 0 && labels.min().item<long>() is long lowest and < 0)
            throw new DataSourceException($"{source.Description} has the label {lowest} (among examples {Range(indices)}); labels are class indices from 0.");
        return labels;
    }

    static void Require(IImageSource source, Tensor tensor, string method, ScalarType type, long[] shape)
    {
        if (tensor.dtype != type)
            throw new DataSourceException($"{source.Description}: {method} gave {tensor.dtype} values where {type} is expected" +
                (type == ScalarType.Int64 ? " (class indices; a float label would be truncated, 1.9 to 1, and NaN become -9223372036854775808). Convert them where the source makes them, after checking they are whole numbers." : " in [0, 1]."));
        if (!tensor.shape.SequenceEqual(shape))
            throw new DataSourceException($"{source.Description}: {method} gave a tensor of shape [{string.Join(", ", tensor.shape)}] where [{string.Join(", ", shape)}] is expected (its declared ImageShape {source.ImageShape}, one per index).");
    }

    static string Range(long[] indices) => indices.Length == 0 ? "none" : indices.Length == 1 ? $"{indices[0]}" : $"{indices.Min()} to {indices.Max()}";
}

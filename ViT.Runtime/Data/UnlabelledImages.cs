using static TorchSharp.torch;

namespace ViT.Data;

/// <summary>
/// Images to predict, <c>[N, C, H, W]</c> uint8 or float32, read as a data set is (converted by <see cref="ImagePixels"/>)
/// so that the trainer's loader prepares them exactly as it prepared validation batches. The tensor stays the caller's.
/// </summary>
internal sealed class UnlabelledImages : IImageSource
{
    readonly Tensor _images;

    public UnlabelledImages(Tensor images)
    {
        if (images.dim() != 4 || images.dtype is not (ScalarType.Float32 or ScalarType.Byte))
            throw new ArgumentException($"images must be [N, C, H, W], float32 in [0, 1] or uint8; got [{string.Join(", ", images.shape)}] {images.dtype}.", nameof(images));
        _images = images;
        ImageShape = ImageShape.Of(images.shape);
    }

    public string Description => "the images to predict";

    public int Count => (int)_images.shape[0];

    public ImageShape ImageShape { get; }

    public int ClassCount => 0;

    public Tensor ReadImages(long[] indices)
    {
        using var index = tensor(indices);
        return ImagePixels.ToFloat(_images.index_select(0, index.to(_images.device)).cpu());
    }

    public Tensor ReadLabels(long[] indices) => zeros(indices.Length, dtype: ScalarType.Int64);
}

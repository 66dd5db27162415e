using static TorchSharp.torch;

namespace ViT.Data;

/// <summary>
/// Pads each image with <see cref="Padding"/> pixels of zeros on every side and cuts back to its own size at an
/// offset drawn per image: the shift augmentation of the usual CIFAR recipe (torchvision's <c>RandomCrop(32, padding=4)</c>).
/// </summary>
/// <param name="Padding">Pixels added on each side; the image moves by up to this many in each direction.</param>
public sealed record RandomCrop(int Padding) : IImageTransform
{
    const int DrawTop = 2, DrawLeft = 3;

    /// <inheritdoc/>
    public bool IsRandom => true;

    /// <inheritdoc/>
    public ImageShape OutputShape(ImageShape input) => input;

    /// <inheritdoc/>
    public Tensor Apply(Tensor images, TransformContext context)
    {
        if (Padding < 0) throw new ArgumentOutOfRangeException(nameof(Padding), Padding, "padding must not be negative.");
        if (Padding == 0) return images;
        long height = images.shape[2], width = images.shape[3];
        using var padded = nn.functional.pad(images, new long[] { Padding, Padding, Padding, Padding });
        var crops = new Tensor[context.Indices.Length];
        for (int i = 0; i < crops.Length; i++)
        {
            int top = (int)(context.Uniform(i, DrawTop) * (2 * Padding + 1));
            int left = (int)(context.Uniform(i, DrawLeft) * (2 * Padding + 1));
            crops[i] = padded[i].narrow(1, top, height).narrow(2, left, width);
        }
        var result = stack(crops);
        foreach (var crop in crops) crop.Dispose();
        return result;
    }
}

using static TorchSharp.torch;

namespace ViT.Data;

/// <summary>
/// Converts images to <see cref="Channels"/> channels: gray to RGB repeats the gray value, RGB to gray takes the
/// ITU-R 601 luma (0.299 R + 0.587 G + 0.114 B, as PIL's <c>convert("L")</c> and torchvision's <c>rgb_to_grayscale</c>),
/// and a fourth (alpha) channel is dropped.
/// </summary>
/// <param name="Channels">1 or 3.</param>
public sealed record ConvertChannels(int Channels) : IImageTransform
{
    /// <summary>The luma weights of R, G and B.</summary>
    public static readonly float[] LumaWeights = ViT.Imaging.ImagePixels.LumaWeights;

    /// <inheritdoc/>
    public bool IsRandom => false;

    /// <inheritdoc/>
    public ImageShape OutputShape(ImageShape input) => input with { Channels = Channels };

    /// <inheritdoc/>
    public Tensor Apply(Tensor images, TransformContext context)
    {
        long from = images.shape[1];
        if (from == Channels) return images;
        if (Channels is not (1 or 3) || from is not (1 or 3 or 4))
            throw new NotSupportedException($"cannot convert images of {from} channels to {Channels}; images have 1 (gray), 3 (RGB) or 4 (RGBA) channels, models 1 or 3.");
        // Temporaries belong to the caller's dispose scope (the loader makes one per batch).
        if (from == 1) return images.expand(-1, 3, -1, -1).contiguous();
        var rgb = images.narrow(1, 0, 3);
        if (Channels == 3) return rgb.contiguous();
        using var weights = tensor(LumaWeights).reshape(1, 3, 1, 1);
        return (rgb * weights).sum(1, keepdim: true);
    }
}

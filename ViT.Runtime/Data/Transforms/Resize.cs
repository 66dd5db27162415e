using static TorchSharp.torch;

namespace ViT.Data;

/// <summary>Resizes every image to <see cref="Height"/> × <see cref="Width"/> (bilinear, antialiased when shrinking, as torchvision's default).</summary>
/// <param name="Height">Rows after resizing.</param>
/// <param name="Width">Columns after resizing.</param>
public sealed record Resize(int Height, int Width) : IImageTransform
{
    /// <inheritdoc/>
    public bool IsRandom => false;

    /// <inheritdoc/>
    public ImageShape OutputShape(ImageShape input) => input with { Height = Height, Width = Width };

    /// <inheritdoc/>
    public Tensor Apply(Tensor images, TransformContext context)
    {
        if (images.shape[2] == Height && images.shape[3] == Width) return images;
        return nn.functional.interpolate(images, new long[] { Height, Width }, mode: InterpolationMode.Bilinear, align_corners: false, antialias: true)
            .clamp_(0, 1);
    }
}

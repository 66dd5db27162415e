using SkiaSharp;
using ViT.Imaging;

namespace ViT.Data;

/// <summary>
/// Decodes one PNG, JPEG, BMP or WebP file with SkiaSharp into the bytes of a <c>[C, H, W]</c> image of a given shape, as
/// <see cref="ImagePixels"/> prepares every picture: resized with mipmapped linear filtering (antialiased when shrinking)
/// and converted to gray (ITU-R 601 luma) or RGB.
/// SkiaSharp rather than TorchVision's <c>SkiaImager</c>: that one returns a null bitmap for a corrupt file (a
/// NullReferenceException naming nothing) and is built against SkiaSharp 2.88.
/// </summary>
public static class ImageDecoder
{
    /// <summary>The file extensions an image folder reads, as torchvision's <c>ImageFolder</c> does for these formats.</summary>
    public static readonly IReadOnlySet<string> Extensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg", ".bmp", ".webp" };

    /// <summary>Decodes <paramref name="path"/> into <paramref name="shape"/>'s <c>C·H·W</c> bytes; a file that cannot be decoded is a <see cref="DataFormatException"/>.</summary>
    public static byte[] Decode(string path, ImageShape shape)
    {
        using var codec = SKCodec.Create(path, out var opened)
            ?? throw new DataFormatException(path, $"cannot be decoded as PNG, JPEG, BMP or WebP ({opened}); remove or replace the file, or skip unreadable images.");
        using var bitmap = ImagePixels.Decode(codec, out var result)
            ?? throw new DataFormatException(path, $"is damaged: decoding stopped with {result}; remove or replace the file, or skip unreadable images.");
        return ImagePixels.Planes(bitmap, shape.Channels, shape.Height, shape.Width);
    }
}

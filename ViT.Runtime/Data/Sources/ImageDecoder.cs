using SkiaSharp;
using ViT.Imaging;

namespace ViT.Data;

/// <summary>
/// Decodes one PNG, JPEG, BMP or WebP file with SkiaSharp into the bytes of a <c>[C, H, W]</c> image of a given shape, as
/// <see cref="Imaging.ImagePixels"/> prepares every picture: resized with mipmapped linear filtering (antialiased when shrinking)
/// and converted to gray (ITU-R 601 luma) or RGB.
/// SkiaSharp rather than TorchVision's <c>SkiaImager</c>: that one returns a null bitmap for a corrupt file (a
/// NullReferenceException naming nothing) and is built against SkiaSharp 2.88.
/// </summary>
public static class ImageDecoder
{
    /// <summary>The file extensions an image folder reads, as torchvision's <c>ImageFolder</c> does for these formats.</summary>
    public static readonly IReadOnlySet<string> Extensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg", ".bmp", ".webp" };

    /// <summary>PIL's <c>Image.MAX_IMAGE_PIXELS</c>: the default pixel budget of a picture (<see cref="ImageFolderOptions.MaxImagePixels"/>).</summary>
    public const long DefaultMaxPixels = 89_478_485;

    /// <summary>
    /// Decodes <paramref name="path"/> into <paramref name="shape"/>'s <c>C·H·W</c> bytes. A file that cannot be decoded,
    /// or whose header declares more than <paramref name="maxPixels"/> pixels (checked before decoding), is a
    /// <see cref="DataFormatException"/> naming it.
    /// </summary>
    public static byte[] Decode(string path, ImageShape shape, long maxPixels = DefaultMaxPixels)
    {
        using var codec = SKCodec.Create(path, out var opened)
            ?? throw new DataFormatException(path, $"cannot be decoded as PNG, JPEG, BMP or WebP ({opened}); remove or replace the file, or skip unreadable images.");
        long pixels = (long)codec.Info.Width * codec.Info.Height;
        if (pixels > maxPixels)
            throw new DataFormatException(path, FormattableString.Invariant(
                $"declares {codec.Info.Width:N0} × {codec.Info.Height:N0} = {pixels:N0} pixels, over the budget of {maxPixels:N0} (a decompression bomb, or a very large picture); remove it, skip unreadable images, or raise ImageFolderOptions.MaxImagePixels (the sample's --max-image-pixels)."));
        try
        {
            using var bitmap = Imaging.ImagePixels.Decode(codec, out var result)
                ?? throw new DataFormatException(path, $"is damaged: decoding stopped with {result}; remove or replace the file, or skip unreadable images.");
            return Imaging.ImagePixels.Planes(bitmap, shape.Channels, shape.Height, shape.Width);
        }
        catch (Exception error) when (error is not DataFormatException)
        {
            throw new DataFormatException(path, $"could not be decoded ({error.Message}); remove or replace the file, or skip unreadable images.");
        }
    }
}

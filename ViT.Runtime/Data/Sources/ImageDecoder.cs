using SkiaSharp;

namespace ViT.Data;

/// <summary>
/// Decodes one PNG, JPEG, BMP or WebP file with SkiaSharp into the bytes of a <c>[C, H, W]</c> image of a given shape:
/// resized with mipmapped linear filtering (antialiased when shrinking) and converted to gray (ITU-R 601 luma) or RGB.
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
            return Decode(path, codec, shape);
        }
        catch (Exception error) when (error is not DataFormatException)
        {
            throw new DataFormatException(path, $"could not be decoded ({error.Message}); remove or replace the file, or skip unreadable images.");
        }
    }

    static byte[] Decode(string path, SKCodec codec, ImageShape shape)
    {
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        if (bitmap.GetPixels() == 0) throw new DataFormatException(path, $"needs {info.BytesSize64:N0} bytes to decode, which could not be allocated; skip unreadable images or lower MaxImagePixels.");
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
            throw new DataFormatException(path, $"is damaged: decoding stopped with {result}; remove or replace the file, or skip unreadable images.");

        using var sized = bitmap.Width == shape.Width && bitmap.Height == shape.Height
            ? null
            : bitmap.Resize(new SKImageInfo(shape.Width, shape.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        return Planes((sized ?? bitmap).GetPixelSpan(), shape);
    }

    /// <summary>RGBA pixels to channel planes: R, G, B for three channels, luma for one; alpha is dropped.</summary>
    static byte[] Planes(ReadOnlySpan<byte> rgba, ImageShape shape)
    {
        int pixels = shape.Height * shape.Width;
        var planes = new byte[shape.Channels * pixels];
        float[] luma = ConvertChannels.LumaWeights;
        for (int p = 0; p < pixels; p++)
        {
            byte r = rgba[4 * p], g = rgba[4 * p + 1], b = rgba[4 * p + 2];
            if (shape.Channels == 1)
            {
                planes[p] = (byte)Math.Round(luma[0] * r + luma[1] * g + luma[2] * b);
            }
            else
            {
                planes[p] = r;
                planes[pixels + p] = g;
                planes[2 * pixels + p] = b;
            }
        }
        return planes;
    }
}

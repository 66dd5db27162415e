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

    /// <summary>Decodes <paramref name="path"/> into <paramref name="shape"/>'s <c>C·H·W</c> bytes; a file that cannot be decoded is a <see cref="DataFormatException"/>.</summary>
    public static byte[] Decode(string path, ImageShape shape)
    {
        using var codec = SKCodec.Create(path, out var opened)
            ?? throw new DataFormatException(path, $"cannot be decoded as PNG, JPEG, BMP or WebP ({opened}); remove or replace the file, or skip unreadable images.");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
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

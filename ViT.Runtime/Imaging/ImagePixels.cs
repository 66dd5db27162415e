using SkiaSharp;

namespace ViT.Imaging;

/// <summary>
/// How ViT# turns a picture into a model's input bytes, in one place for training (<c>ViT.Data.ImageDecoder</c>) and for
/// deployment (<c>ViT.Onnx.OnnxClassifier</c>, which links this file so that it needs neither TorchSharp nor the runtime):
/// decoded to unpremultiplied RGBA, stretched to the model's size with mipmapped linear filtering (antialiased when
/// shrinking), then split into channel planes: R, G, B, or the ITU-R 601 luma for one channel; alpha is dropped.
/// </summary>
internal static class ImagePixels
{
    /// <summary>The luma weights of R, G and B (PIL's <c>convert("L")</c>, torchvision's <c>rgb_to_grayscale</c>).</summary>
    public static readonly float[] LumaWeights = { 0.299f, 0.587f, 0.114f };

    /// <summary>The resize rule as the ONNX metadata names it.</summary>
    public const string ResizeRule = "bilinear";

    static readonly SKSamplingOptions Sampling = new(SKFilterMode.Linear, SKMipmapMode.Linear);

    /// <summary>Decodes every pixel of <paramref name="codec"/> to unpremultiplied RGBA; null, with the codec's result, when decoding fails.</summary>
    public static SKBitmap? Decode(SKCodec codec, out SKCodecResult result)
    {
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var bitmap = new SKBitmap(info);
        if (bitmap.GetPixels() == IntPtr.Zero)
        {
            bitmap.Dispose();
            throw new InsufficientMemoryException($"it needs {info.BytesSize64:N0} bytes to decode, which could not be allocated");
        }

        result = codec.GetPixels(info, bitmap.GetPixels());
        if (result == SKCodecResult.Success) return bitmap;
        bitmap.Dispose();
        return null;
    }

    /// <summary>
    /// The <c>channels · height · width</c> bytes of <paramref name="image"/> (any color type) at that size: converted to
    /// unpremultiplied RGBA if it is not, resized when its size differs, then split into planes.
    /// </summary>
    public static byte[] Planes(SKBitmap image, int channels, int height, int width)
    {
        using var rgba = image.ColorType == SKColorType.Rgba8888 && image.AlphaType == SKAlphaType.Unpremul ? null : ToRgba(image);
        var source = rgba ?? image;
        using var sized = source.Width == width && source.Height == height
            ? null
            : source.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul), Sampling);
        return Split((sized ?? source).GetPixelSpan(), channels, height * width);
    }

    static SKBitmap ToRgba(SKBitmap image)
    {
        var converted = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var pixels = image.PeekPixels();
        if (pixels is null || !pixels.ReadPixels(converted.Info, converted.GetPixels(), converted.RowBytes))
        {
            converted.Dispose();
            throw new ArgumentException($"cannot read the pixels of a {image.ColorType} bitmap as RGBA.", nameof(image));
        }
        return converted;
    }

    /// <summary>RGBA pixels to channel planes: R, G, B for three channels, luma for one; alpha is dropped.</summary>
    static byte[] Split(ReadOnlySpan<byte> rgba, int channels, int pixels)
    {
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), channels, "images have 1 (gray) or 3 (RGB) channels.");
        var planes = new byte[channels * pixels];
        for (int p = 0; p < pixels; p++)
        {
            byte r = rgba[4 * p], g = rgba[4 * p + 1], b = rgba[4 * p + 2];
            if (channels == 1)
            {
                planes[p] = (byte)Math.Round(LumaWeights[0] * r + LumaWeights[1] * g + LumaWeights[2] * b);
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

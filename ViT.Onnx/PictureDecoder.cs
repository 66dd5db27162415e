using SkiaSharp;
using ViT.Imaging;

namespace ViT.Onnx;

/// <summary>
/// Decodes a picture (PNG, JPEG, BMP, WebP, GIF's first frame) from a file or a stream to a bitmap, refusing one that is
/// not a picture or that declares more pixels than <see cref="OnnxClassifier.MaxImagePixels"/> before allocating them.
/// </summary>
internal static class PictureDecoder
{
    public static SKBitmap Decode(string path, long maxPixels)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No image at {path}.", path);
        using var data = SKData.Create(path) ?? throw new InvalidDataException($"{path} cannot be read.");
        return Decode(data, path, maxPixels);
    }

    public static SKBitmap Decode(Stream stream, long maxPixels)
    {
        using var data = SKData.Create(stream) ?? throw new InvalidDataException("The image stream is empty.");
        return Decode(data, "the image stream", maxPixels);
    }

    static SKBitmap Decode(SKData data, string source, long maxPixels)
    {
        using var codec = SKCodec.Create(data)
            ?? throw new InvalidDataException($"{source} cannot be decoded as PNG, JPEG, BMP, WebP or GIF.");
        long pixels = (long)codec.Info.Width * codec.Info.Height;
        if (pixels > maxPixels)
            throw new InvalidDataException($"{source} declares {codec.Info.Width} × {codec.Info.Height} pixels, more than the {maxPixels:N0} allowed (OnnxClassifier.MaxImagePixels); shrink it first.");
        return ImagePixels.Decode(codec, out var result)
            ?? throw new InvalidDataException($"{source} is damaged: decoding stopped with {result}.");
    }
}

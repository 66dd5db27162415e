using SkiaSharp;

namespace ViT.Runtime.Tests.Imaging;

/// <summary>Reads a PNG back with SkiaSharp's decoder, for assertions on what a picture shows.</summary>
internal static class PngFile
{
    /// <summary>Decodes <paramref name="png"/>; fails the test when it is not a PNG.</summary>
    public static SKBitmap Decode(byte[] png)
    {
        using var codec = SKCodec.Create(new MemoryStream(png));
        Assert.NotNull(codec);
        Assert.Equal(SKEncodedImageFormat.Png, codec.EncodedFormat);
        return SKBitmap.Decode(png);
    }

    /// <summary>Decodes the PNG file at <paramref name="path"/>.</summary>
    public static SKBitmap Read(string path)
    {
        Assert.True(File.Exists(path), $"{path} was not written");
        return Decode(File.ReadAllBytes(path));
    }
}

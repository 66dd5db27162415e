using SkiaSharp;

namespace ViT.Runtime.Tests.Data;

/// <summary>Writes small pictures for image-folder tests: each class a distinct, learnable pattern.</summary>
public static class TestImages
{
    /// <summary>Writes a PNG (or JPEG, by extension) of <paramref name="width"/> × <paramref name="height"/> filled by <paramref name="color"/>(x, y).</summary>
    public static void Write(string path, int width, int height, Func<int, int, SKColor> color)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                bitmap.SetPixel(x, y, color(x, y));
        var format = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".jpg" or ".jpeg" => SKEncodedImageFormat.Jpeg,
            ".webp" => SKEncodedImageFormat.Webp,
            _ => SKEncodedImageFormat.Png,
        };
        using var data = bitmap.Encode(format, 95);
        File.WriteAllBytes(path, data.ToArray());
    }

    /// <summary>A solid color.</summary>
    public static Func<int, int, SKColor> Solid(byte r, byte g, byte b) => (_, _) => new SKColor(r, g, b);

    /// <summary>
    /// One of three classes drawn with noise from <paramref name="seed"/>: 0 a bright left half, 1 a bright top half,
    /// 2 a bright diagonal. In gray the bright parts stay bright: the classes differ in where the light is.
    /// </summary>
    public static Func<int, int, SKColor> Pattern(int label, int seed, int size)
    {
        var random = new Random(seed);
        var noise = new byte[size * size];
        random.NextBytes(noise);
        return (x, y) =>
        {
            bool bright = label switch { 0 => x < size / 2, 1 => y < size / 2, _ => Math.Abs(x - y) < size / 4 };
            int value = Math.Clamp((bright ? 200 : 40) + noise[y * size + x] % 50 - 25, 0, 255);
            return new SKColor((byte)value, (byte)value, (byte)(value / 2));
        };
    }
}

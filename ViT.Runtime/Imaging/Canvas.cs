using SkiaSharp;

namespace ViT.Imaging;

/// <summary>
/// A white SkiaSharp surface to draw a picture on, with the fonts the pictures share; <see cref="ToPicture"/> encodes it.
/// </summary>
internal sealed class Canvas : IDisposable
{
    readonly SKSurface _surface;

    public Canvas(int width, int height)
    {
        Width = width;
        Height = height;
        _surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"SkiaSharp could not create a {width}x{height} surface.");
        Draw.Clear(SKColors.White);
    }

    public int Width { get; }

    public int Height { get; }

    public SKCanvas Draw => _surface.Canvas;

    /// <summary>A sans-serif font of the given size, anti-aliased; bold for emphasis.</summary>
    public static SKFont Font(float size, bool bold = false) =>
        new(SKTypeface.FromFamilyName("DejaVu Sans", bold ? SKFontStyle.Bold : SKFontStyle.Normal) ?? SKTypeface.Default, size)
        {
            Edging = SKFontEdging.Antialias,
            Subpixel = true,
        };

    public Picture ToPicture()
    {
        using var image = _surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return new Picture(Width, Height, png.ToArray());
    }

    public void Dispose() => _surface.Dispose();
}

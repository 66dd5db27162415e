namespace ViT.Imaging;

/// <summary>
/// A small RGB raster for the pictures the runtime writes (sample grids, predictions, metric plots):
/// rectangles, lines, grey-scale blits and bitmap-font text, saved as PNG.
/// </summary>
public sealed class RgbImage
{
    readonly byte[] _pixels;

    /// <summary>Creates an image filled with <paramref name="background"/>.</summary>
    public RgbImage(int width, int height, Rgb background)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"an image needs a positive size, not {width}x{height}.");
        Width = width;
        Height = height;
        _pixels = new byte[width * height * 3];
        FillRectangle(0, 0, width, height, background);
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The colour at (x, y).</summary>
    public Rgb GetPixel(int x, int y)
    {
        int i = (y * Width + x) * 3;
        return new Rgb(_pixels[i], _pixels[i + 1], _pixels[i + 2]);
    }

    /// <summary>Sets (x, y) to <paramref name="colour"/>; points outside the image are ignored.</summary>
    public void SetPixel(int x, int y, Rgb colour)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height) return;
        int i = (y * Width + x) * 3;
        _pixels[i] = colour.R;
        _pixels[i + 1] = colour.G;
        _pixels[i + 2] = colour.B;
    }

    /// <summary>Fills the rectangle with its top-left corner at (x, y), clipped to the image.</summary>
    public void FillRectangle(int x, int y, int width, int height, Rgb colour)
    {
        for (int row = Math.Max(0, y); row < Math.Min(Height, y + height); row++)
            for (int column = Math.Max(0, x); column < Math.Min(Width, x + width); column++)
                SetPixel(column, row, colour);
    }

    /// <summary>Draws a line from (x0, y0) to (x1, y1) with Bresenham's algorithm, <paramref name="thickness"/> pixels wide.</summary>
    public void DrawLine(int x0, int y0, int x1, int y1, Rgb colour, int thickness = 1)
    {
        int dx = Math.Abs(x1 - x0), dy = -Math.Abs(y1 - y0);
        int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
        int error = dx + dy;
        int offset = (thickness - 1) / 2;
        while (true)
        {
            FillRectangle(x0 - offset, y0 - offset, thickness, thickness, colour);
            if (x0 == x1 && y0 == y1) return;
            int doubled = 2 * error;
            if (doubled >= dy) { error += dy; x0 += sx; }
            if (doubled <= dx) { error += dx; y0 += sy; }
        }
    }

    /// <summary>
    /// Copies a grey-scale image (values in [0, 1], row-major) with its top-left corner at (x, y),
    /// each source pixel becoming a <paramref name="scale"/>×<paramref name="scale"/> block.
    /// </summary>
    public void DrawGrey(ReadOnlySpan<float> values, int sourceWidth, int sourceHeight, int x, int y, int scale = 1)
    {
        if (values.Length != sourceWidth * sourceHeight)
            throw new ArgumentException($"expected {sourceWidth * sourceHeight} values for a {sourceWidth}x{sourceHeight} image, got {values.Length}.", nameof(values));
        for (int row = 0; row < sourceHeight; row++)
            for (int column = 0; column < sourceWidth; column++)
            {
                byte level = (byte)Math.Round(255 * Math.Clamp(values[row * sourceWidth + column], 0f, 1f));
                FillRectangle(x + column * scale, y + row * scale, scale, scale, new Rgb(level, level, level));
            }
    }

    /// <summary>Writes <paramref name="text"/> with its top-left corner at (x, y) in the built-in 5×7 font.</summary>
    public void DrawText(string text, int x, int y, Rgb colour, int scale = 1)
    {
        foreach (char character in text)
        {
            ReadOnlySpan<byte> rows = BitmapFont.Glyph(character);
            for (int row = 0; row < BitmapFont.GlyphHeight; row++)
                for (int column = 0; column < BitmapFont.GlyphWidth; column++)
                    if ((rows[row] >> (BitmapFont.GlyphWidth - 1 - column) & 1) != 0)
                        FillRectangle(x + column * scale, y + row * scale, scale, scale, colour);
            x += BitmapFont.Advance * scale;
        }
    }

    /// <summary>Writes <paramref name="text"/> horizontally centred on <paramref name="centreX"/>.</summary>
    public void DrawTextCentred(string text, int centreX, int y, Rgb colour, int scale = 1) =>
        DrawText(text, centreX - BitmapFont.MeasureWidth(text, scale) / 2, y, colour, scale);

    /// <summary>The image as PNG bytes.</summary>
    public byte[] ToPng() => PngEncoder.Encode(Width, Height, _pixels);

    /// <summary>Saves the image as a PNG file, creating its folder if needed.</summary>
    public void SavePng(string path)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        File.WriteAllBytes(path, ToPng());
    }
}

using SkiaSharp;
using static TorchSharp.torch;

namespace ViT.Imaging;

/// <summary>The title over one image of an <see cref="ImageGrid"/>; a flagged image gets a red frame and a cross as well.</summary>
/// <param name="Text">The title, for example a label or "label/prediction".</param>
/// <param name="Flagged">Whether to draw attention to the image (a wrong prediction): red, framed and crossed, so colour is not the only sign.</param>
public sealed record GridTitle(string Text, bool Flagged = false);

/// <summary>The tutorial's pictures: a grid of images, each under its title, with a caption that explains the titles.</summary>
public static class ImageGrid
{
    const int Scale = 3;
    const int Padding = 8;
    const int TitleHeight = 24;
    const int CaptionLineHeight = 20;
    const int FrameWidth = 3;
    static readonly SKColor Plain = new(0x20, 0x20, 0x20);
    static readonly SKColor Flag = new(0xC6, 0x28, 0x28);

    /// <summary>
    /// Draws <paramref name="images"/> (<c>[N, C, H, W]</c> with 1 or 3 channels, or <c>[N, H, W]</c>; floats in [0, 1] or bytes)
    /// in rows of <paramref name="columns"/>, each under its title, and <paramref name="caption"/> (one line per entry) below.
    /// </summary>
    public static Picture Draw(Tensor images, IReadOnlyList<GridTitle> titles, IReadOnlyList<string>? caption = null, int columns = 8)
    {
        if (images.dim() == 3) images = images.unsqueeze(1);
        if (images.dim() != 4 || images.shape[1] is not (1 or 3))
            throw new ArgumentException($"images must be [N, 1 or 3, H, W] or [N, H, W]; got [{string.Join(", ", images.shape)}].", nameof(images));
        int count = (int)images.shape[0];
        if (titles.Count != count) throw new ArgumentException($"{count} images need {count} titles, got {titles.Count}.", nameof(titles));
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "columns must be at least 1.");
        caption ??= [];

        int channels = (int)images.shape[1], height = (int)images.shape[2], width = (int)images.shape[3];
        using var scope = NewDisposeScope();
        var bytes = images.dtype == ScalarType.Byte // stored pixels, 0 to 255
            ? images.detach().cpu()
            : images.detach().cpu().to_type(ScalarType.Float32).clamp(0, 1).mul(255).round().to_type(ScalarType.Byte);
        byte[] pixels = bytes.permute(0, 2, 3, 1).contiguous().data<byte>().ToArray();

        int cellWidth = width * Scale + Padding, cellHeight = TitleHeight + height * Scale + Padding;
        int rows = Math.Max(1, (count + columns - 1) / columns);
        int gridWidth = Math.Min(count == 0 ? 1 : count, columns) * cellWidth + Padding;
        using var canvas = new Canvas(Math.Max(gridWidth, 480), Padding + rows * cellHeight + caption.Count * CaptionLineHeight + Padding);
        using var titleFont = Canvas.Font(15);
        using var flaggedFont = Canvas.Font(15, bold: true);
        using var plainPaint = new SKPaint { Color = Plain, IsAntialias = true };
        using var flagPaint = new SKPaint { Color = Flag, IsAntialias = true, StrokeWidth = 2.5f, StrokeCap = SKStrokeCap.Round };
        using var framePaint = new SKPaint { Color = Flag, IsStroke = true, StrokeWidth = FrameWidth };

        for (int i = 0; i < count; i++)
        {
            float x = Padding + i % columns * cellWidth, y = Padding + i / columns * cellHeight;
            var title = titles[i];
            float centre = x + width * Scale / 2f;
            if (title.Flagged)
            {
                float textWidth = flaggedFont.MeasureText(title.Text);
                canvas.Draw.DrawText(title.Text, centre - 9, y + 17, SKTextAlign.Center, flaggedFont, flagPaint);
                DrawCross(canvas.Draw, centre - 9 + textWidth / 2 + 8, y + 11, 5, flagPaint);
            }
            else
            {
                canvas.Draw.DrawText(title.Text, centre, y + 17, SKTextAlign.Center, titleFont, plainPaint);
            }

            using var cell = Cell(pixels.AsSpan(i * width * height * channels, width * height * channels), width, height, channels);
            var target = SKRect.Create(x, y + TitleHeight, width * Scale, height * Scale);
            canvas.Draw.DrawImage(cell, target, new SKSamplingOptions(SKFilterMode.Nearest));
            if (title.Flagged) canvas.Draw.DrawRect(SKRect.Inflate(target, FrameWidth / 2f, FrameWidth / 2f), framePaint);
        }

        using var captionFont = Canvas.Font(14);
        float lineY = Padding + rows * cellHeight + 14;
        foreach (string line in caption)
        {
            canvas.Draw.DrawText(line, Padding, lineY, SKTextAlign.Left, captionFont, plainPaint);
            lineY += CaptionLineHeight;
        }
        return canvas.ToPicture();
    }

    /// <summary>An X centred on (x, y) with arms of <paramref name="half"/> pixels: a mark that does not depend on colour or on a font's glyphs.</summary>
    internal static void DrawCross(SKCanvas canvas, float x, float y, float half, SKPaint paint)
    {
        canvas.DrawLine(x - half, y - half, x + half, y + half, paint);
        canvas.DrawLine(x - half, y + half, x + half, y - half, paint);
    }

    static SKImage Cell(ReadOnlySpan<byte> values, int width, int height, int channels)
    {
        var info = new SKImageInfo(width, height, channels == 1 ? SKColorType.Gray8 : SKColorType.Rgba8888, SKAlphaType.Opaque);
        byte[] data;
        if (channels == 1)
        {
            data = values.ToArray();
        }
        else
        {
            data = new byte[width * height * 4];
            for (int p = 0; p < width * height; p++)
            {
                data[4 * p] = values[3 * p];
                data[4 * p + 1] = values[3 * p + 1];
                data[4 * p + 2] = values[3 * p + 2];
                data[4 * p + 3] = 255;
            }
        }
        return SKImage.FromPixelCopy(info, data, info.RowBytes);
    }
}

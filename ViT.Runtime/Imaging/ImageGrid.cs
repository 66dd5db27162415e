using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Imaging;

/// <summary>
/// The tutorial's pictures: a grid of grey-scale images, each with a title above it
/// (the label, or "label/prediction" in green when right and red when wrong).
/// </summary>
public static class ImageGrid
{
    const int Scale = 3;
    const int TitleScale = 2;
    const int Padding = 6;

    /// <summary>
    /// Draws <paramref name="images"/> (<c>[N, 1, H, W]</c> or <c>[N, H, W]</c>, values in [0, 1]) in rows of
    /// <paramref name="columns"/>, titling cell i with <paramref name="titles"/>[i] in <paramref name="colours"/>[i] (black if null).
    /// </summary>
    public static RgbImage Draw(Tensor images, IReadOnlyList<string> titles, IReadOnlyList<Rgb>? colours = null, int columns = 8)
    {
        if (images.dim() is not (3 or 4))
            throw new ArgumentException($"images must be [N, 1, H, W] or [N, H, W]; got [{string.Join(", ", images.shape)}].", nameof(images));
        int count = (int)images.shape[0];
        if (titles.Count != count) throw new ArgumentException($"{count} images need {count} titles, got {titles.Count}.", nameof(titles));
        if (colours is not null && colours.Count != count) throw new ArgumentException($"{count} images need {count} colours, got {colours.Count}.", nameof(colours));

        int height = (int)images.shape[^2], width = (int)images.shape[^1];
        float[] pixels = images.detach().cpu().to_type(ScalarType.Float32).contiguous().data<float>().ToArray();

        int titleHeight = BitmapFont.GlyphHeight * TitleScale + 4;
        int cellWidth = width * Scale + Padding, cellHeight = height * Scale + titleHeight + Padding;
        int rows = (count + columns - 1) / columns;
        var canvas = new RgbImage(columns * cellWidth + Padding, Math.Max(1, rows) * cellHeight + Padding, Rgb.White);
        for (int i = 0; i < count; i++)
        {
            int x = Padding + i % columns * cellWidth, y = Padding + i / columns * cellHeight;
            canvas.DrawTextCentred(titles[i], x + width * Scale / 2, y, colours?[i] ?? Rgb.Black, TitleScale);
            canvas.DrawGrey(pixels.AsSpan(i * width * height, width * height), width, height, x, y + titleHeight, Scale);
        }
        return canvas;
    }
}

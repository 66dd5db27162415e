using System.Globalization;

namespace ViT.Data;

/// <summary>The shape of one image without the batch dimension: channels, height and width, as <c>[C, H, W]</c>.</summary>
/// <param name="Channels">1 for gray, 3 for RGB.</param>
/// <param name="Height">Rows of pixels.</param>
/// <param name="Width">Columns of pixels.</param>
public readonly record struct ImageShape(int Channels, int Height, int Width)
{
    /// <summary>Pixels times channels: the number of values in one image.</summary>
    public long Elements => (long)Channels * Height * Width;

    /// <summary>The shape of a tensor's trailing three dimensions (<c>[..., C, H, W]</c>).</summary>
    public static ImageShape Of(IReadOnlyList<long> shape) =>
        shape.Count < 3
            ? throw new ArgumentException($"an image shape needs three dimensions [C, H, W]; got {shape.Count}.", nameof(shape))
            : new((int)shape[^3], (int)shape[^2], (int)shape[^1]);

    /// <summary>The shape as <c>[C, H, W]</c>, the way model summaries and diagnostics write it.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[{Channels}, {Height}, {Width}]");
}

namespace ViT.Imaging;

/// <summary>An opaque 8-bit RGB colour.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    /// <summary>White.</summary>
    public static readonly Rgb White = new(255, 255, 255);
    /// <summary>Black.</summary>
    public static readonly Rgb Black = new(0, 0, 0);
    /// <summary>The green of a right prediction.</summary>
    public static readonly Rgb Green = new(0, 140, 0);
    /// <summary>The red of a wrong prediction.</summary>
    public static readonly Rgb Red = new(200, 0, 0);
    /// <summary>A light grey for grid lines.</summary>
    public static readonly Rgb LightGrey = new(220, 220, 220);
    /// <summary>A blue for a first data series.</summary>
    public static readonly Rgb Blue = new(31, 119, 180);
    /// <summary>An orange for a second data series.</summary>
    public static readonly Rgb Orange = new(255, 127, 14);
}

namespace ViT.Data;

/// <summary>
/// Declares the image shape <c>[C, H, W]</c> that a data-set type always produces, so that the compile-time check
/// (VIT0018) can compare it with the <c>[Input]</c> of the model it is given to.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ImageShapeAttribute : Attribute
{
    /// <summary>Declares images of <paramref name="channels"/> × <paramref name="height"/> × <paramref name="width"/>.</summary>
    public ImageShapeAttribute(int channels, int height, int width)
    {
        Channels = channels;
        Height = height;
        Width = width;
    }

    /// <summary>1 for gray, 3 for RGB.</summary>
    public int Channels { get; }

    /// <summary>Rows of pixels.</summary>
    public int Height { get; }

    /// <summary>Columns of pixels.</summary>
    public int Width { get; }
}

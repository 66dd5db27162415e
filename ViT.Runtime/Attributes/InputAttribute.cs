namespace ViT;

/// <summary>
/// The first layer of a model: images of <paramref name="channels"/> × <paramref name="height"/> × <paramref name="width"/>
/// (the batch dimension is implied). Output shape <c>[C, H, W]</c>.
/// </summary>
/// <param name="channels">Image channels, for example 1 for MNIST.</param>
/// <param name="height">Image height in pixels.</param>
/// <param name="width">Image width in pixels.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class InputAttribute(int channels, int height, int width) : Attribute
{
    /// <summary>Image channels.</summary>
    public int Channels { get; } = channels;

    /// <summary>Image height in pixels.</summary>
    public int Height { get; } = height;

    /// <summary>Image width in pixels.</summary>
    public int Width { get; } = width;
}

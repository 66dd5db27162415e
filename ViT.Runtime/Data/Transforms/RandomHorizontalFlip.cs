using static TorchSharp.torch;

namespace ViT.Data;

/// <summary>Mirrors each image left to right with probability <see cref="Probability"/>, drawn per image.</summary>
/// <param name="Probability">The chance that an image is flipped (torchvision's default 0.5).</param>
public sealed record RandomHorizontalFlip(double Probability = 0.5) : IImageTransform
{
    const int Draw = 1;

    /// <inheritdoc/>
    public bool IsRandom => true;

    /// <inheritdoc/>
    public ImageShape OutputShape(ImageShape input) => input;

    /// <inheritdoc/>
    public Tensor Apply(Tensor images, TransformContext context)
    {
        var flip = new bool[context.Indices.Length];
        for (int i = 0; i < flip.Length; i++) flip[i] = context.Uniform(i, Draw) < Probability;
        if (!flip.Contains(true)) return images;
        using var mask = tensor(flip).reshape(-1, 1, 1, 1);
        return where(mask, images.flip(-1), images);
    }
}

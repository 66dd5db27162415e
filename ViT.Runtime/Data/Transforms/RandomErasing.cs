using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Data;

/// <summary>
/// timm's <c>RandomErasing</c>: with <see cref="Probability"/>, a box of <see cref="MinArea"/> to <see cref="MaxArea"/>
/// of an image's area, of aspect ratio between <see cref="MinAspect"/> and its inverse (log-uniform), placed at random,
/// is overwritten (up to 10 tries to fit one): with zeros (<see cref="ErasingFill.Zero"/>, the MNIST background) or with
/// standard normal noise per pixel (<see cref="ErasingFill.Noise"/>, timm's <c>mode='pixel'</c>, for normalised
/// images). Every draw, the noise included, depends on (seed, epoch, index).
/// </summary>
/// <param name="Probability">The chance that an image is erased (timm's recipes: 0.25).</param>
/// <param name="MinArea">The smallest fraction of the area erased.</param>
/// <param name="MaxArea">The largest fraction of the area erased.</param>
/// <param name="MinAspect">The smallest height-to-width ratio of the box; the largest is its inverse.</param>
/// <param name="Fill">What the box holds afterwards.</param>
public sealed record RandomErasing(double Probability = 0.25, double MinArea = 0.02, double MaxArea = 1.0 / 3, double MinAspect = 0.3, ErasingFill Fill = ErasingFill.Zero)
    : IImageTransform
{
    const int DrawErase = 40, DrawNoise = 41, DrawBox = 42, Tries = 10; // DrawBox takes up to 4 draws per try

    /// <inheritdoc/>
    public bool IsRandom => true;

    /// <inheritdoc/>
    public ImageShape OutputShape(ImageShape input) => input;

    /// <inheritdoc/>
    public Tensor Apply(Tensor images, TransformContext context)
    {
        if (Probability is not (>= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(Probability), Probability, "Probability must be in [0, 1], such as 0.25.");
        if (!(MinArea > 0 && MinArea <= MaxArea && MaxArea <= 1)) throw new ArgumentOutOfRangeException(nameof(MinArea), MinArea, "Erasing needs 0 < MinArea <= MaxArea <= 1.");
        if (!(MinAspect > 0 && MinAspect <= 1)) throw new ArgumentOutOfRangeException(nameof(MinAspect), MinAspect, "MinAspect must be in (0, 1], such as 0.3.");
        int height = (int)images.shape[2], width = (int)images.shape[3];
        Tensor? erased = null;
        for (int i = 0; i < context.Indices.Length; i++)
        {
            if (context.Uniform(i, DrawErase) >= Probability || Box(height, width, i, context) is not var (top, left, h, w)) continue;
            erased ??= images.clone();
            var box = erased[i].narrow(1, top, h).narrow(2, left, w);
            if (Fill == ErasingFill.Zero) box.zero_();
            else box.copy_(Noise(box.shape, context, i));
        }
        return erased ?? images;
    }

    (int Top, int Left, int Height, int Width)? Box(int height, int width, int position, TransformContext context)
    {
        var draws = new RandomDraws(draw => context.Uniform(position, DrawBox + draw));
        for (int attempt = 0; attempt < Tries; attempt++)
        {
            double area = height * width * draws.Uniform(MinArea, MaxArea);
            double aspect = Math.Exp(draws.Uniform(Math.Log(MinAspect), Math.Log(1 / MinAspect)));
            int h = (int)Math.Round(Math.Sqrt(area * aspect)), w = (int)Math.Round(Math.Sqrt(area / aspect));
            int top = draws.Below(Math.Max(1, height - h + 1)), left = draws.Below(Math.Max(1, width - w + 1));
            if (h > 0 && w > 0 && h < height && w < width) return (top, left, h, w);
        }
        return null;
    }

    static Tensor Noise(long[] shape, TransformContext context, int position)
    {
        using var generator = new Generator((ulong)(context.Uniform(position, DrawNoise) * long.MaxValue));
        return randn(shape, generator: generator);
    }
}

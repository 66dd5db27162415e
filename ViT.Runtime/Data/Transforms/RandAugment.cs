using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Data;

/// <summary>
/// torchvision's <c>RandAugment(num_ops, magnitude)</c> on float images in [0, 1] (put it before any normalisation):
/// each image gets <see cref="Operations"/> operations drawn uniformly from <see cref="Policy"/>, each at
/// <see cref="Magnitude"/> of 30 bins with a random sign where a sign means something (at 9: shear by 0.09 about the
/// top-left corner, translation by 3 whole pixels of 28, rotation by 9°, brightness, colour, contrast and sharpness
/// factors 1 ± 0.27, posterize to 7 bits, solarize above 0.7), as torchvision's <c>_apply_op</c> computes them.
/// Geometric operations move in <see cref="Fill"/> (black, the MNIST background). Every draw depends on (seed, epoch,
/// index). Equalize is left out.
/// </summary>
/// <param name="Operations">Operations per image (torchvision's <c>num_ops</c>, 2).</param>
/// <param name="Magnitude">Strength, 0 to 30 (torchvision's default 9).</param>
/// <param name="Fill">The value geometric operations move in from outside the image.</param>
public sealed record RandAugment(int Operations = 2, int Magnitude = 9, float Fill = 0) : IImageTransform
{
    /// <summary>The operations one is drawn from, as torchvision's RandAugment lists them (without Equalize).</summary>
    public enum Operation
    {
        /// <summary>Leave the image as it is.</summary>
        Identity,
        /// <summary>Shear along x by a factor up to 0.3.</summary>
        ShearX,
        /// <summary>Shear along y by a factor up to 0.3.</summary>
        ShearY,
        /// <summary>Move along x by up to 150/331 of the width.</summary>
        TranslateX,
        /// <summary>Move along y by up to 150/331 of the height.</summary>
        TranslateY,
        /// <summary>Rotate by up to 30 degrees.</summary>
        Rotate,
        /// <summary>Multiply by 1 ± up to 0.9.</summary>
        Brightness,
        /// <summary>Blend with the grey image by 1 ± up to 0.9 (nothing on one channel).</summary>
        Color,
        /// <summary>Blend with the mean grey by 1 ± up to 0.9.</summary>
        Contrast,
        /// <summary>Blend with a smoothed copy by 1 ± up to 0.9.</summary>
        Sharpness,
        /// <summary>Keep 8 down to 4 bits.</summary>
        Posterize,
        /// <summary>Invert the values above a threshold from 1 down to 0.</summary>
        Solarize,
        /// <summary>Stretch each channel to [0, 1].</summary>
        AutoContrast,
    }

    /// <summary>Every operation.</summary>
    public static IReadOnlyList<Operation> Policy { get; } = Enum.GetValues<Operation>();

    const int Bins = 31;
    const int DrawOperation = 10, DrawSign = 20;

    /// <inheritdoc/>
    public bool IsRandom => true;

    /// <inheritdoc/>
    public ImageShape OutputShape(ImageShape input) => input;

    /// <inheritdoc/>
    public Tensor Apply(Tensor images, TransformContext context)
    {
        if (Operations < 0) throw new ArgumentOutOfRangeException(nameof(Operations), Operations, "Operations must be 0 or more, such as 2.");
        if (Magnitude is < 0 or >= Bins) throw new ArgumentOutOfRangeException(nameof(Magnitude), Magnitude, $"Magnitude must be in 0..{Bins - 1}, such as 9.");
        for (int round = 0; round < Operations; round++)
        {
            var chosen = new Operation[context.Indices.Length];
            var signs = new float[chosen.Length];
            for (int i = 0; i < chosen.Length; i++)
            {
                chosen[i] = Policy[SampleRandom.Below(Policy.Count, context.Seed, context.Epoch, context.Indices[i], DrawOperation + round)];
                signs[i] = context.Uniform(i, DrawSign + round) < 0.5 ? -1 : 1;
            }
            images = Apply(images, chosen, signs);
        }
        return images;
    }

    /// <summary>
    /// One operation at this magnitude on every image of <paramref name="images"/>, each with its sign (+1 or −1) from
    /// <paramref name="signs"/>: what torchvision's <c>_apply_op</c> does, on floats instead of bytes.
    /// </summary>
    public Tensor ApplyOperation(Operation operation, Tensor images, IReadOnlyList<float> signs) =>
        Apply(images, Enumerable.Repeat(operation, (int)images.shape[0]).ToArray(), signs.ToArray());

    /// <summary>
    /// Image i's operation <paramref name="chosen"/>[i] with sign <paramref name="signs"/>[i], for the whole batch at
    /// once: one resampling of the images with a geometric operation, one blend of those with brightness, colour,
    /// contrast or sharpness, one step for each other kind. Each works on its own images only: on small images the
    /// cost is the number of tensor operations and the pixels they touch, so neither grows with the mix.
    /// </summary>
    Tensor Apply(Tensor images, Operation[] chosen, float[] signs)
    {
        float m = (float)Magnitude / (Bins - 1); // the magnitude's place in torchvision's linspace(0, max, 31)
        images = OnSubset(images, chosen, IsGeometric, (subset, members) => Geometric(subset, members.Select(i => chosen[i]).ToArray(), members.Select(i => signs[i]).ToArray(), m));
        images = OnSubset(images, chosen, op => IsBlend(op, images.shape[1]), (subset, members) => Blends(subset, members.Select(i => chosen[i]).ToArray(), members.Select(i => signs[i]).ToArray(), m));
        int bits = 8 - (int)Math.Round(Magnitude / ((Bins - 1) / 4.0), MidpointRounding.ToEven);
        images = OnSubset(images, chosen, op => op == Operation.Posterize, (subset, _) => Posterize(subset, bits));
        images = OnSubset(images, chosen, op => op == Operation.Solarize, (subset, _) => where(subset.ge(1.0 - m), 1 - subset, subset));
        return OnSubset(images, chosen, op => op == Operation.AutoContrast, (subset, _) => AutoContrast(subset));
    }

    static bool IsGeometric(Operation op) => op is Operation.ShearX or Operation.ShearY or Operation.TranslateX or Operation.TranslateY or Operation.Rotate;

    // Colour does nothing to one channel (torchvision's adjust_saturation returns a gray image as it is).
    static bool IsBlend(Operation op, long channels) => op is Operation.Brightness or Operation.Contrast or Operation.Sharpness || op == Operation.Color && channels == 3;

    /// <summary><paramref name="change"/> applied to the images whose operation <paramref name="selects"/>, the others untouched.</summary>
    static Tensor OnSubset(Tensor images, Operation[] chosen, Func<Operation, bool> selects, Func<Tensor, int[], Tensor> change)
    {
        int[] members = Enumerable.Range(0, chosen.Length).Where(i => selects(chosen[i])).ToArray();
        if (members.Length == 0) return images;
        var index = tensor(members.Select(i => (long)i).ToArray());
        return images.index_copy(0, index, change(images.index_select(0, index), members));
    }

    /// <summary>Shear, translation and rotation: each image sampled through its own affine map.</summary>
    Tensor Geometric(Tensor images, Operation[] chosen, float[] signs, float m)
    {
        float height = images.shape[2], width = images.shape[3];
        var theta = new float[chosen.Length * 6];
        for (int i = 0; i < chosen.Length; i++)
        {
            // The output pixel (x, y), from the image's centre, reads the input at (a x + b y + tx, c x + d y + ty), as
            // torchvision's affine does with its inverse matrix: shears about the top-left corner by tan = 0.3 m,
            // translations by whole pixels (torchvision truncates), rotations counter-clockwise about the centre.
            float shear = signs[i] * 0.3f * m, angle = signs[i] * 30 * m * MathF.PI / 180;
            (float a, float b, float c, float d, float tx, float ty) = chosen[i] switch
            {
                Operation.ShearX => (1f, shear, 0f, 1f, shear * height / 2, 0f),
                Operation.ShearY => (1f, 0f, shear, 1f, 0f, shear * width / 2),
                Operation.TranslateX => (1f, 0f, 0f, 1f, -signs[i] * MathF.Truncate(150f / 331 * m * width), 0f),
                Operation.TranslateY => (1f, 0f, 0f, 1f, 0f, -signs[i] * MathF.Truncate(150f / 331 * m * height)),
                _ => (MathF.Cos(angle), -MathF.Sin(angle), MathF.Sin(angle), MathF.Cos(angle), 0f, 0f),
            };
            // In grid_sample's coordinates, which run from -1 to 1 over the width and over the height.
            new[] { a, b * height / width, tx * 2 / width, c * width / height, d, ty * 2 / height }.CopyTo(theta, i * 6);
        }
        var grid = nn.functional.affine_grid(tensor(theta).reshape(chosen.Length, 2, 3), images.shape, align_corners: false);
        return nn.functional.grid_sample(images - Fill, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Zeros, align_corners: false) + Fill;
    }

    /// <summary>
    /// Brightness, colour, contrast and sharpness, each torchvision's <c>_blend</c> of the image with a degenerate one
    /// (black, grey, the mean grey, a smoothed copy) by 1 ± 0.9 m, kept in [0, 1].
    /// </summary>
    static Tensor Blends(Tensor images, Operation[] chosen, float[] signs, float m)
    {
        var degenerate = zeros_like(images); // brightness blends with black
        if (Mask(chosen, Operation.Color) is { } color) degenerate = where(color, Grey(images).expand_as(images), degenerate);
        if (Mask(chosen, Operation.Contrast) is { } contrast) degenerate = where(contrast, Grey(images).mean([1, 2, 3], keepdim: true).expand_as(images), degenerate);
        if (Mask(chosen, Operation.Sharpness) is { } sharpness) degenerate = where(sharpness, Smoothed(images), degenerate);
        var factor = tensor(signs.Select(sign => 1 + 0.9f * m * sign).ToArray()).reshape(-1, 1, 1, 1);
        return (degenerate + factor * (images - degenerate)).clamp(0, 1);
    }

    /// <summary>A <c>[B, 1, 1, 1]</c> mask of the images whose operation is <paramref name="operation"/>; null when none is.</summary>
    static Tensor? Mask(Operation[] chosen, Operation operation) =>
        chosen.Contains(operation) ? tensor(chosen.Select(op => op == operation).ToArray()).reshape(-1, 1, 1, 1) : null;

    static Tensor Grey(Tensor images) => images.shape[1] == 3
        ? (images * tensor(ConvertChannels.LumaWeights).reshape(1, 3, 1, 1)).sum(1, keepdim: true)
        : images.mean([1], keepdim: true);

    /// <summary>PIL's SMOOTH filter (centre 5, neighbours 1, over 13) inside the border, the border unchanged, as torchvision's <c>adjust_sharpness</c>.</summary>
    static Tensor Smoothed(Tensor images)
    {
        long channels = images.shape[1];
        var kernel = (ones(3, 3) / 13).index_put_(tensor(5f / 13), tensor(1L), tensor(1L)).expand(channels, 1, 3, 3);
        var inner = nn.functional.conv2d(images, kernel, groups: channels);
        var smoothed = images.clone();
        smoothed.narrow(2, 1, images.shape[2] - 2).narrow(3, 1, images.shape[3] - 2).copy_(inner);
        return smoothed;
    }

    /// <summary>Keeps the top <paramref name="bits"/> bits of each 8-bit value (a small guard keeps k/255 in its own bin).</summary>
    static Tensor Posterize(Tensor images, int bits)
    {
        double step = Math.Pow(2, 8 - bits);
        return (images * (255 / step) + 1e-4).floor() * (step / 255);
    }

    static Tensor AutoContrast(Tensor images)
    {
        var low = images.amin([2, 3], keepdim: true);
        var high = images.amax([2, 3], keepdim: true);
        var range = high - low;
        return where(range.gt(0), (images - low) / range.clamp_min(1e-12), images);
    }
}

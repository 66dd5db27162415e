using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Data;

/// <summary>
/// torchvision's <c>RandAugment(num_ops, magnitude)</c> on float images in [0, 1] (put it before any normalisation):
/// each image gets <see cref="Operations"/> operations drawn uniformly from <see cref="Policy"/>, each at
/// <see cref="Magnitude"/> of 30 bins (9: shear 0.09, translation 14% of the side, rotation 9°, brightness, colour,
/// contrast and sharpness factors 1 ± 0.27, posterize to 7 bits, solarize above 0.7), signed at random where a sign
/// means something. Geometric operations fill with <see cref="Fill"/> (black, the MNIST background). Every draw
/// depends on (seed, epoch, index). Equalize is left out.
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
            var sign = new float[chosen.Length];
            for (int i = 0; i < chosen.Length; i++)
            {
                chosen[i] = Policy[SampleRandom.Below(Policy.Count, context.Seed, context.Epoch, context.Indices[i], DrawOperation + round)];
                sign[i] = context.Uniform(i, DrawSign + round) < 0.5 ? -1 : 1;
            }
            foreach (var operation in chosen.Distinct().Where(op => op != Operation.Identity))
            {
                long[] members = Enumerable.Range(0, chosen.Length).Where(i => chosen[i] == operation).Select(i => (long)i).ToArray();
                using var index = tensor(members);
                var subset = images.index_select(0, index);
                var signs = tensor(members.Select(i => sign[i]).ToArray());
                images = images.index_copy(0, index, Apply(operation, subset, signs));
            }
        }
        return images;
    }

    /// <summary>The operation on <paramref name="images"/> at this magnitude, with a sign per image.</summary>
    Tensor Apply(Operation operation, Tensor images, Tensor signs)
    {
        double m = (double)Magnitude / (Bins - 1); // the magnitude's place in torchvision's linspace(0, max, 31)
        var factor = (1 + 0.9 * m * signs).reshape(-1, 1, 1, 1);
        return operation switch
        {
            Operation.ShearX => Affine(images, signs * (float)(0.3 * m), shearX: true),
            Operation.ShearY => Affine(images, signs * (float)(0.3 * m), shearX: false),
            Operation.TranslateX => Translate(images, signs * (float)(150.0 / 331 * m * images.shape[3]), alongX: true),
            Operation.TranslateY => Translate(images, signs * (float)(150.0 / 331 * m * images.shape[2]), alongX: false),
            Operation.Rotate => Rotate(images, signs * (float)(30 * m * Math.PI / 180)),
            Operation.Brightness => Blend(images, zeros_like(images), factor),
            Operation.Color => Blend(images, Grey(images).expand_as(images), factor),
            Operation.Contrast => Blend(images, Grey(images).mean([1, 2, 3], keepdim: true).expand_as(images), factor),
            Operation.Sharpness => Blend(images, Smoothed(images), factor),
            Operation.Posterize => Posterize(images, 8 - (int)Math.Round(Magnitude / ((Bins - 1) / 4.0))),
            Operation.Solarize => where(images.ge(1.0 - m), 1 - images, images),
            Operation.AutoContrast => AutoContrast(images),
            _ => images,
        };
    }

    /// <summary>torchvision's <c>_blend</c>: factor · image + (1 − factor) · other, kept in [0, 1].</summary>
    static Tensor Blend(Tensor images, Tensor other, Tensor factor) => (other + factor * (images - other)).clamp(0, 1);

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

    static Tensor Posterize(Tensor images, int bits)
    {
        double step = Math.Pow(2, 8 - bits);
        return (images * 255 / step).floor() * step / 255;
    }

    static Tensor AutoContrast(Tensor images)
    {
        var low = images.amin([2, 3], keepdim: true);
        var high = images.amax([2, 3], keepdim: true);
        var range = high - low;
        return where(range.gt(0), (images - low) / range.clamp_min(1e-12), images);
    }

    Tensor Affine(Tensor images, Tensor shear, bool shearX)
    {
        // In pixels the output point p reads the input at p + shear * (the other coordinate); in grid_sample's [-1, 1]
        // coordinates that other coordinate is scaled by its side over this side.
        double aspect = shearX ? (double)images.shape[2] / images.shape[3] : (double)images.shape[3] / images.shape[2];
        var theta = zeros(images.shape[0], 2, 3);
        theta[.., 0, 0] = ones(images.shape[0]);
        theta[.., 1, 1] = ones(images.shape[0]);
        if (shearX) theta[.., 0, 1] = shear * (float)aspect;
        else theta[.., 1, 0] = shear * (float)aspect;
        return Sample(images, theta);
    }

    Tensor Translate(Tensor images, Tensor pixels, bool alongX)
    {
        var theta = zeros(images.shape[0], 2, 3);
        theta[.., 0, 0] = ones(images.shape[0]);
        theta[.., 1, 1] = ones(images.shape[0]);
        theta[.., alongX ? 0 : 1, 2] = pixels * (2f / images.shape[alongX ? 3 : 2]);
        return Sample(images, theta);
    }

    Tensor Rotate(Tensor images, Tensor radians)
    {
        // Rotation about the centre in pixels, expressed in grid_sample's coordinates (x scaled by W/2, y by H/2).
        double hw = (double)images.shape[2] / images.shape[3];
        var cos = radians.cos();
        var sin = radians.sin();
        var theta = zeros(images.shape[0], 2, 3);
        theta[.., 0, 0] = cos;
        theta[.., 0, 1] = -sin * (float)hw;
        theta[.., 1, 0] = sin / (float)hw;
        theta[.., 1, 1] = cos;
        return Sample(images, theta);
    }

    /// <summary>Bilinear sampling of the images at the affine grid, with <see cref="Fill"/> where the grid leaves the image.</summary>
    Tensor Sample(Tensor images, Tensor theta)
    {
        var grid = nn.functional.affine_grid(theta, images.shape, align_corners: false);
        var shifted = images - Fill;
        return nn.functional.grid_sample(shifted, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Zeros, align_corners: false) + Fill;
    }
}

using System.Globalization;
using static TorchSharp.torch;

namespace ViT.Data;

/// <summary>
/// Per-channel normalisation, <c>(x - mean) / std</c>: given (for example ImageNet's), or measured once on the
/// training set with <see cref="ComputeFrom"/> and reported. Deterministic, so evaluation applies it too.
/// </summary>
public sealed class Normalize : IImageTransform
{
    /// <summary>Normalises channel c with <paramref name="mean"/>[c] and <paramref name="std"/>[c].</summary>
    public Normalize(IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        if (mean.Count == 0 || mean.Count != std.Count)
            throw new ArgumentException($"mean and std need one value per channel each; got {mean.Count} and {std.Count}.");
        if (std.Any(s => !(s > 0)))
            throw new ArgumentException($"every std must be positive; got {Format(std)}.", nameof(std));
        Mean = mean.ToArray();
        Std = std.ToArray();
    }

    /// <summary>Each channel's mean.</summary>
    public IReadOnlyList<float> Mean { get; }

    /// <summary>Each channel's standard deviation.</summary>
    public IReadOnlyList<float> Std { get; }

    /// <inheritdoc/>
    public bool IsRandom => false;

    /// <inheritdoc/>
    public ImageShape OutputShape(ImageShape input) =>
        input.Channels == Mean.Count ? input
            : throw new ArgumentException($"normalisation has {Mean.Count} channel(s) but the images have {input.Channels}; give one mean and std per channel.");

    /// <inheritdoc/>
    public Tensor Apply(Tensor images, TransformContext context)
    {
        using var mean = tensor(Mean.ToArray()).reshape(1, -1, 1, 1);
        using var std = tensor(Std.ToArray()).reshape(1, -1, 1, 1);
        return (images - mean) / std;
    }

    /// <summary>
    /// Measures each channel's mean and standard deviation over every image of <paramref name="source"/>, after
    /// <paramref name="before"/> (the deterministic steps that precede normalisation, such as a conversion to the model's input).
    /// </summary>
    public static Normalize ComputeFrom(IImageSource source, IImageTransform? before = null)
    {
        const int chunk = 1024;
        double[]? sum = null, squares = null;
        long pixels = 0;
        for (long start = 0; start < source.Count; start += chunk)
        {
            using var scope = NewDisposeScope();
            long[] indices = Enumerable.Range(0, (int)Math.Min(chunk, source.Count - start)).Select(i => start + i).ToArray();
            var images = source.ReadImages(indices).to_type(ScalarType.Float64);
            if (before is not null) images = before.Apply(images, new TransformContext(0, 0, indices));
            double[] s = images.sum(new long[] { 0, 2, 3 }).data<double>().ToArray();
            double[] q = images.square().sum(new long[] { 0, 2, 3 }).data<double>().ToArray();
            sum ??= new double[s.Length];
            squares ??= new double[s.Length];
            for (int c = 0; c < s.Length; c++) { sum[c] += s[c]; squares[c] += q[c]; }
            pixels += images.shape[0] * images.shape[2] * images.shape[3];
        }
        if (sum is null || squares is null) throw new ArgumentException($"{source.Description} has no images to measure.", nameof(source));
        var mean = sum.Select(s => s / pixels).ToArray();
        var std = squares.Select((q, c) => Math.Sqrt(Math.Max(q / pixels - mean[c] * mean[c], 0))).ToArray();
        return new Normalize(mean.Select(m => (float)m).ToArray(), std.Select(s => (float)Math.Max(s, 1e-6)).ToArray());
    }

    /// <summary>The values as <c>mean [0.1307], std [0.3081]</c>, for reporting.</summary>
    public override string ToString() => $"mean {Format(Mean)}, std {Format(Std)}";

    static string Format(IEnumerable<float> values) =>
        "[" + string.Join(", ", values.Select(v => v.ToString("0.####", CultureInfo.InvariantCulture))) + "]";
}

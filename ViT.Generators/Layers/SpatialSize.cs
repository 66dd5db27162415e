using ViT.Generators.Diagnostics;
using ViT.Generators.Shapes;

namespace ViT.Generators.Layers;

/// <summary>PyTorch's output size of a sliding window (convolution or pooling) along one spatial axis, and the error when it vanishes.</summary>
internal static class SpatialSize
{
    /// <summary>floor((size + 2·padding − dilation·(kernel − 1) − 1) / stride) + 1, as PyTorch computes it.</summary>
    public static long Out(long size, long kernel, long stride, long padding, long dilation = 1) =>
        ((size + (2 * padding) - (dilation * (kernel - 1)) - 1) / stride) + 1;

    /// <summary>
    /// Checks that the window fits the padded input along both axes of <paramref name="input"/>; otherwise reports
    /// VIT0020 with the size trail that led there and the ways out.
    /// </summary>
    public static bool Fits(InferenceContext context, string layer, Shape input, long kernel, long padding, long dilation = 1)
    {
        long span = (dilation * (kernel - 1)) + 1;
        foreach (var (axis, name) in new[] { (1, "height"), (2, "width") })
        {
            long padded = input[axis] + (2 * padding);
            if (padded >= span) continue;
            string window = dilation == 1 ? $"kernel {kernel}" : $"kernel {kernel} with dilation {dilation} (spanning {span})";
            context.Report(new ShapeViolation(DiagnosticIds.KernelDoesNotFit, context.LayerIndex, "kernel", $"{layer}: the {window} is larger than the padded {name} {padded} ({input[axis]} + 2·{padding}), so the {name} goes {context.SizeTrail(axis, 0)} here; use a smaller kernel, more padding, or fewer downsampling layers before it") { Choices = Helpers.EquatableArrayExtensions.ToEquatableArray(new[] { (int)System.Math.Min(int.MaxValue, ((System.Math.Min(input[1], input[2]) + (2 * padding) - 1) / dilation) + 1) }) }); // the largest kernel that fits both axes
            return false;
        }

        return true;
    }
}

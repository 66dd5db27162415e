using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Cases;

/// <summary>A fixed batch of random images in [0, 1) and random labels; the arithmetic's speed does not depend on the data.</summary>
public sealed class Batch : IDisposable
{
    /// <summary>Creates <paramref name="size"/> images of <paramref name="imageShape"/> with labels below <paramref name="classes"/>.</summary>
    public Batch(long[] imageShape, int classes, int size = 64, int seed = 1)
    {
        using var generator = new Generator((ulong)seed);
        Images = torch.rand([size, .. imageShape], generator: generator).DetachFromDisposeScope();
        Labels = torch.randint(classes, [size], generator: generator).DetachFromDisposeScope();
    }

    /// <summary>Images <c>[B, C, H, W]</c>.</summary>
    public Tensor Images { get; }

    /// <summary>Labels <c>[B]</c>, int64.</summary>
    public Tensor Labels { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}

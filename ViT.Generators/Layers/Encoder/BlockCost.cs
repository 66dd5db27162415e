using ViT.Generators.Helpers;

namespace ViT.Generators.Layers;

/// <summary>What one pre-norm block costs: parameters, forward FLOPs and activation elements for one sample of N tokens of width D.</summary>
internal readonly struct BlockCost
{
    public long Parameters { get; private init; }

    public long Flops { get; private init; }

    public long Activations { get; private init; }

    public static BlockCost Of(EncoderLayer e, long n, long d)
    {
        var layout = e.Layout!;
        long hidden = e.Hidden, width = layout.Width; // what q, k and v each produce (and the projection takes)
        long qkvBias = e.QkvBias ? Sizes.Mul(3, width) : 0;
        long attention = Sizes.Add(Sizes.Add(Sizes.Mul(3, d, width), qkvBias), Sizes.Add(Sizes.Mul(width, d), d));
        long mlp = Sizes.Add(Sizes.Add(Sizes.Mul(d, hidden), hidden), Sizes.Add(Sizes.Mul(hidden, d), d));
        long scoreElements = layout.ScoreElements;
        long macs = Sizes.Mul(n, Sizes.Add(Sizes.Mul(3, d, width), Sizes.Mul(width, d)));
        macs = Sizes.Add(macs, Sizes.Mul(2, layout.ProductMacs));
        macs = Sizes.Add(macs, Sizes.Mul(2, n, d, hidden));

        // norm1, q/k/v, scores and their softmax, weighted sum, projection, residual; norm2, fc1, activation, fc2, residual.
        long activations = Sizes.Sum(new[]
        {
            Sizes.Mul(n, d), Sizes.Mul(3, n, width), Sizes.Mul(2, scoreElements), Sizes.Mul(n, width), Sizes.Mul(2, n, d),
            Sizes.Mul(n, d), Sizes.Mul(2, n, hidden), Sizes.Mul(2, n, d),
        });

        return new BlockCost
        {
            Parameters = Sizes.Sum(new[] { 4 * d, attention, mlp, e.LayerScale > 0 ? 2 * d : 0 }),
            Flops = Sizes.Mul(2, macs),
            Activations = activations,
        };
    }
}

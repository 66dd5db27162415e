using ViT.Generators.Helpers;
using ViT.Generators.Shared;

namespace ViT.Generators.Layers;

/// <summary>What one pre-norm block costs: parameters, forward FLOPs and activation elements for one sample of N tokens of width D.</summary>
internal readonly struct BlockCost
{
    public long Parameters { get; private init; }

    public long Flops { get; private init; }

    public long Activations { get; private init; }

    public static BlockCost Of(EncoderLayer e, long n, long d)
    {
        long heads = e.Heads, hidden = e.Hidden;
        bool split = e.Attention == AttentionKind.Split;
        long width = split ? d : Sizes.Mul(d, heads); // what q, k and v each produce (and the projection takes)
        long qkvBias = e.QkvBias ? Sizes.Mul(3, width) : 0;
        long attention = Sizes.Add(Sizes.Add(Sizes.Mul(3, d, width), qkvBias), Sizes.Add(Sizes.Mul(width, d), d));
        long mlp = Sizes.Add(Sizes.Add(Sizes.Mul(d, hidden), hidden), Sizes.Add(Sizes.Mul(hidden, d), d));

        // Scores and weighted sum: split heads are N x N over D/h features each (together N·N·D); full-width heads are
        // N x N over D (wide) or D x D over N (the listing), h times.
        long scores = split ? Sizes.Mul(n, n, d) : e.Attention == AttentionKind.Wide ? Sizes.Mul(heads, n, n, d) : Sizes.Mul(heads, d, d, n);
        long scoreElements = split ? Sizes.Mul(heads, n, n) : e.Attention == AttentionKind.Wide ? Sizes.Mul(heads, n, n) : Sizes.Mul(heads, d, d);
        long macs = Sizes.Mul(n, Sizes.Add(Sizes.Mul(3, d, width), Sizes.Mul(width, d)));
        macs = Sizes.Add(macs, Sizes.Mul(2, scores));
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

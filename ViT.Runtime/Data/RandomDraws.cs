namespace ViT.Data;

/// <summary>
/// Numbers of other distributions from a source of uniform numbers that are pure functions of their draw number (such
/// as <see cref="TransformContext.Uniform"/>): each call takes the next draw numbers, so the same source gives the same
/// numbers in the same order on every machine, in any batch order.
/// </summary>
internal sealed class RandomDraws(Func<int, double> uniform, int firstDraw = 0)
{
    int _next = firstDraw;

    /// <summary>A number in [0, 1).</summary>
    public double Uniform() => uniform(_next++);

    /// <summary>A number in [low, high).</summary>
    public double Uniform(double low, double high) => low + (high - low) * Uniform();

    /// <summary>An integer in [0, count).</summary>
    public int Below(int count) => Math.Min(count - 1, (int)(Uniform() * count));

    /// <summary>A standard normal number (Box-Muller).</summary>
    public double Normal() => Math.Sqrt(-2 * Math.Log(1 - Uniform())) * Math.Cos(2 * Math.PI * Uniform());

    /// <summary>A Gamma(<paramref name="shape"/>, 1) number: Marsaglia and Tsang's method, with the usual boost below shape 1.</summary>
    public double Gamma(double shape)
    {
        if (shape < 1) return Gamma(shape + 1) * Math.Pow(1 - Uniform(), 1 / shape);
        double d = shape - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x = Normal(), v = Math.Pow(1 + c * x, 3);
            if (v <= 0) continue;
            double u = 1 - Uniform();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v)) return d * v;
        }
    }

    /// <summary>A Beta(<paramref name="a"/>, <paramref name="b"/>) number in [0, 1].</summary>
    public double Beta(double a, double b)
    {
        double x = Gamma(a), y = Gamma(b);
        return x / (x + y);
    }
}

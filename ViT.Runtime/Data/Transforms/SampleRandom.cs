namespace ViT.Data;

/// <summary>
/// Random numbers that are a pure function of (seed, epoch, example index, draw): SplitMix64's finaliser applied
/// to their combination. Nothing is carried from one call to the next, so the order in which batches are prepared,
/// or on which thread, cannot change an image.
/// </summary>
public static class SampleRandom
{
    /// <summary>A number in [0, 1), the same for the same four arguments on every machine.</summary>
    public static double Uniform(int seed, int epoch, long index, int draw)
    {
        ulong x = Mix((ulong)(uint)seed);
        x = Mix(x ^ (ulong)(uint)epoch);
        x = Mix(x ^ (ulong)index);
        x = Mix(x ^ (ulong)(uint)draw);
        return (x >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>An integer in [0, <paramref name="count"/>).</summary>
    public static int Below(int count, int seed, int epoch, long index, int draw) =>
        Math.Min(count - 1, (int)(Uniform(seed, epoch, index, draw) * count));

    static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

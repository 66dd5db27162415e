namespace ViT.Data;

/// <summary>Which examples a batch holds and when they are seen: what a random transform's draws depend on.</summary>
/// <param name="Seed">The run's seed.</param>
/// <param name="Epoch">The epoch (from 1 when training).</param>
/// <param name="Indices">Each image's index in its data source, in batch order.</param>
public readonly record struct TransformContext(int Seed, int Epoch, long[] Indices)
{
    /// <summary>A number in [0, 1) for image <paramref name="position"/> of the batch; <paramref name="draw"/> tells a transform's draws apart.</summary>
    public double Uniform(int position, int draw) => SampleRandom.Uniform(Seed, Epoch, Indices[position], draw);
}

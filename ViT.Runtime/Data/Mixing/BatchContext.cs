namespace ViT.Data;

/// <summary>Which training batch is being mixed: what a batch transform's draws depend on.</summary>
/// <param name="Seed">The run's seed.</param>
/// <param name="Epoch">The 1-based epoch.</param>
/// <param name="Step">The 1-based step within the epoch.</param>
public readonly record struct BatchContext(int Seed, int Epoch, int Step)
{
    // Draw numbers of their own, so a batch's draws never coincide with the per-image transforms' draws of example index Step.
    const int FirstDraw = 1 << 20;

    /// <summary>A number in [0, 1) for this batch; <paramref name="draw"/> tells the transform's draws apart.</summary>
    public double Uniform(int draw) => SampleRandom.Uniform(Seed, Epoch, Step, FirstDraw + draw);
}

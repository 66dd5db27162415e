namespace ViT.Benchmarks.Timing;

/// <summary>One action's per-round milliseconds per call from <see cref="AlternatingTimer"/>.</summary>
/// <param name="WallMs">On the wall clock.</param>
/// <param name="CpuMs">On the calling thread's CPU clock.</param>
public sealed record TimedSamples(double[] WallMs, double[] CpuMs)
{
    /// <summary>The samples on <paramref name="clock"/>.</summary>
    public double[] On(TimingClock clock) => clock == TimingClock.Cpu ? CpuMs : WallMs;
}

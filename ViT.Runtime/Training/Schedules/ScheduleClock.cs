namespace ViT.Training;

/// <summary>Where a step stands in the run, as a <see cref="LearningRateSchedule"/> reads it.</summary>
/// <param name="Step">The step's 0-based index over the whole run.</param>
/// <param name="StepsPerEpoch">Steps in one epoch.</param>
/// <param name="TotalSteps">Steps in the whole run.</param>
public readonly record struct ScheduleClock(long Step, long StepsPerEpoch, long TotalSteps)
{
    /// <summary>The number of steps in <paramref name="epochs"/> epochs (fractions allowed), rounded to the nearest step.</summary>
    public long StepsIn(double epochs) => (long)Math.Round(epochs * StepsPerEpoch, MidpointRounding.AwayFromZero);
}

namespace ViT.Training;

/// <summary>
/// A linear warmup over the first <see cref="Epochs"/> epochs, then <see cref="After"/> over the steps that remain (as
/// Lightning Bolts' <c>LinearWarmupCosineAnnealingLR</c>): step t of the warmup's W steps trains at (t + 1) / W of the
/// rate, so the first step already moves the weights and step W reaches the full rate.
/// </summary>
/// <param name="Epochs">Warmup length in epochs (fractions allowed; rounded to whole steps).</param>
/// <param name="After">The schedule that follows, its step 0 the first step after the warmup.</param>
public sealed record LinearWarmup(double Epochs, LearningRateSchedule After) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double Factor(ScheduleClock clock)
    {
        long warmup = Math.Max(1, clock.StepsIn(Epochs));
        return clock.Step < warmup
            ? (clock.Step + 1.0) / warmup
            : After.Factor(clock with { Step = clock.Step - warmup, TotalSteps = clock.TotalSteps - warmup });
    }

    /// <inheritdoc/>
    public override bool SpansRun => After.SpansRun;

    /// <inheritdoc/>
    public override void Validate()
    {
        if (!(Epochs > 0)) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "A warmup needs Epochs above 0, such as 1 (or leave the warmup out).");
        After.Validate();
    }

    /// <inheritdoc/>
    public override string Description => FormattableString.Invariant($"warmup {Epochs:R} epochs, then {After.Description}");
}

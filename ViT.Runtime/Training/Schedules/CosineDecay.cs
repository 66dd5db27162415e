namespace ViT.Training;

/// <summary>
/// Cosine decay over the run, as timm's recipes do: 0.5 (1 + cos(π t / T)) of the rate at step t of T, from the full
/// rate to <see cref="MinFactor"/> of it.
/// </summary>
/// <param name="MinFactor">The fraction of the rate the decay ends at (timm's <c>lr_min</c> over <c>lr</c>); 0 by default.</param>
public sealed record CosineDecay(double MinFactor = 0) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double Factor(ScheduleClock clock) =>
        MinFactor + (1 - MinFactor) * 0.5 * (1 + Math.Cos(Math.PI * clock.Step / Math.Max(1, clock.TotalSteps)));

    /// <inheritdoc/>
    public override bool SpansRun => true;

    /// <inheritdoc/>
    public override void Validate()
    {
        if (MinFactor is not (>= 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(MinFactor), MinFactor, "The cosine's MinFactor must be in [0, 1), such as 0.01.");
    }

    /// <inheritdoc/>
    public override string Description => MinFactor == 0 ? "cosine" : FormattableString.Invariant($"cosine to {MinFactor:R} of the rate");
}

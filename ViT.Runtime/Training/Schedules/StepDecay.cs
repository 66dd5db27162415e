namespace ViT.Training;

/// <summary>The rate times <see cref="Gamma"/> after every <see cref="EveryEpochs"/> epochs, as PyTorch's <c>StepLR</c>, counted in steps.</summary>
/// <param name="EveryEpochs">Epochs between two decays (fractions allowed).</param>
/// <param name="Gamma">The factor of each decay, such as 0.1.</param>
public sealed record StepDecay(double EveryEpochs, double Gamma) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double Factor(ScheduleClock clock) => Math.Pow(Gamma, clock.Step / Math.Max(1, clock.StepsIn(EveryEpochs)));

    /// <inheritdoc/>
    public override bool SpansRun => false;

    /// <inheritdoc/>
    public override void Validate()
    {
        if (!(EveryEpochs > 0)) throw new ArgumentOutOfRangeException(nameof(EveryEpochs), EveryEpochs, "A step schedule needs EveryEpochs above 0, such as 3.");
        if (Gamma is not (> 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(Gamma), Gamma, "A step schedule's Gamma must be in (0, 1], such as 0.1.");
    }

    /// <inheritdoc/>
    public override string Description => FormattableString.Invariant($"step x{Gamma:R} every {EveryEpochs:R} epochs");
}

namespace ViT.Training;

/// <summary>The optimizer's rates, unchanged, at every step (<see cref="LearningRateSchedule.Constant"/>).</summary>
public sealed record ConstantRate : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double Factor(ScheduleClock clock) => 1.0;

    /// <inheritdoc/>
    public override bool SpansRun => false;

    /// <inheritdoc/>
    public override bool IsConstant => true;

    /// <inheritdoc/>
    public override string Description => "constant";
}

namespace ViT.Training;

/// <summary>How the learning rate moves over a run, step by step.</summary>
public enum LearningRateSchedule
{
    /// <summary>The same rate for every step: the tutorial's recipe (Lightning without a scheduler).</summary>
    Constant = 0,

    /// <summary>
    /// Cosine decay from the optimizer's rate at the first step towards zero after the last, as timm's training
    /// recipes do (without their warm-up): half the rate halfway through.
    /// </summary>
    Cosine = 1,
}

/// <summary>The factor a <see cref="LearningRateSchedule"/> applies to the rate, as a function of the step alone.</summary>
/// <remarks>
/// A pure function of the step (no scheduler state), so a run resumed from a checkpoint mid-epoch continues the
/// schedule exactly where it stopped.
/// </remarks>
public static class LearningRateScheduleFactor
{
    /// <summary>The factor for the step with zero-based index <paramref name="step"/> of <paramref name="totalSteps"/>.</summary>
    public static double At(LearningRateSchedule schedule, long step, long totalSteps) => schedule switch
    {
        LearningRateSchedule.Constant => 1.0,
        LearningRateSchedule.Cosine => 0.5 * (1 + Math.Cos(Math.PI * step / Math.Max(1, totalSteps))),
        _ => throw new ArgumentOutOfRangeException(nameof(schedule), schedule, "Unknown learning-rate schedule; use Constant or Cosine."),
    };
}

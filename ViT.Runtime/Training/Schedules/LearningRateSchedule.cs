namespace ViT.Training;

/// <summary>
/// How the learning rate moves over a run: a factor on the rates the optimizer was built with, set before every step.
/// A pure function of the step (no scheduler state), so a run resumed from a checkpoint mid-epoch continues it exactly.
/// Compose them as timm's recipes do: <c>LearningRateSchedule.Cosine.WithWarmup(epochs: 2)</c>.
/// </summary>
public abstract record LearningRateSchedule
{
    /// <summary>The same rate for every step: the tutorial's recipe (Lightning without a scheduler).</summary>
    public static LearningRateSchedule Constant { get; } = new ConstantRate();

    /// <summary>Cosine decay from the full rate at the first step towards zero after the last: half the rate halfway through.</summary>
    public static LearningRateSchedule Cosine { get; } = new CosineDecay();

    /// <summary>The rate times <paramref name="gamma"/> every <paramref name="everyEpochs"/> epochs (PyTorch's <c>StepLR</c>, stepped per step).</summary>
    public static LearningRateSchedule Step(double everyEpochs, double gamma = 0.1) => new StepDecay(everyEpochs, gamma);

    /// <summary>
    /// This schedule after a linear warmup over <paramref name="epochs"/> epochs (fractions allowed): step t of the
    /// warmup's W steps trains at (t + 1) / W of the rate, then this schedule runs over the steps that remain.
    /// </summary>
    public LearningRateSchedule WithWarmup(double epochs) => epochs == 0 ? this : new LinearWarmup(epochs, this);

    /// <summary>The factor on the optimizer's rates for the step at <paramref name="clock"/>.</summary>
    public abstract double Factor(ScheduleClock clock);

    /// <summary>Whether the schedule is laid out over the whole run, so that another number of epochs would move the rate mid-run.</summary>
    public abstract bool SpansRun { get; }

    /// <summary>Whether the rate never moves (a custom optimizer's own rates are then left alone).</summary>
    public virtual bool IsConstant => false;

    /// <summary>Throws when a parameter is out of range, naming it and the fix.</summary>
    public virtual void Validate() { }

    /// <summary>The schedule in words, such as <c>warmup 2 epochs, then cosine</c>; a checkpoint records it.</summary>
    public abstract string Description { get; }

    /// <inheritdoc/>
    public sealed override string ToString() => Description;
}

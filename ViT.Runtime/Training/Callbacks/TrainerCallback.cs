namespace ViT.Training.Callbacks;

/// <summary>
/// Hooks into <see cref="Trainer.Fit"/>, as Lightning's <c>Callback</c> does: override the moments you need. Callbacks run
/// in the order of <see cref="Trainer.Callbacks"/> (the defaults first, then <see cref="TrainerOptions.Callbacks"/>), on the
/// training thread; an exception from one ends the fit. <see cref="TrainingContext.RequestStop"/> stops early.
/// </summary>
public abstract class TrainerCallback
{
    /// <summary>Before the first step, after a resume has restored the model, optimizer and history.</summary>
    public virtual void OnFitStart(TrainingContext context) { }

    /// <summary>Before the first step of <paramref name="epoch"/> (1-based); after a resume, before its remaining steps.</summary>
    public virtual void OnEpochStart(TrainingContext context, int epoch) { }

    /// <summary>Before a training step; <see cref="TrainingContext.GlobalStep"/> is the number of steps already done.</summary>
    public virtual void OnStepStart(TrainingContext context, int epoch, int step) { }

    /// <summary>After a training step: the batch's loss and correct count, and the epoch's running figures.</summary>
    public virtual void OnStepEnd(TrainingContext context, StepResult result) { }

    /// <summary>After validating at the end of <paramref name="epoch"/> (not called without a validation set).</summary>
    public virtual void OnValidationEnd(TrainingContext context, int epoch, Evaluation validation) { }

    /// <summary>After an epoch and its validation: the row just added to <see cref="TrainingContext.History"/>.</summary>
    public virtual void OnEpochEnd(TrainingContext context, EpochMetrics metrics) { }

    /// <summary>After a checkpoint was written with <see cref="TrainingContext.SaveCheckpoint(string)"/>.</summary>
    public virtual void OnCheckpoint(TrainingContext context, string path, CheckpointState state) { }

    /// <summary>When cancellation stops training between steps: the moment to save what is needed to resume.</summary>
    public virtual void OnInterrupt(TrainingContext context) { }

    /// <summary>After the last epoch, or the epoch in which a stop was requested.</summary>
    public virtual void OnFitEnd(TrainingContext context, FitResult result) { }
}

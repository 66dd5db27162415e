namespace ViT.Training.Callbacks;

/// <summary>
/// Hooks into <see cref="Trainer.Fit"/>, as Lightning's <c>Callback</c> does: override the moments you need. Callbacks run
/// in the order of <see cref="Trainer.Callbacks"/> (the defaults first, then <see cref="TrainerOptions.Callbacks"/>), on the
/// training thread; an exception from one ends the fit. <see cref="TrainingContext.RequestStop"/> stops early,
/// <see cref="TrainingContext.Log"/> adds a named value.
/// </summary>
public abstract class TrainerCallback
{
    /// <summary>Before the first step, after a resume has restored the model, optimizer and history.</summary>
    public virtual void OnFitStart(TrainingContext context) { }

    /// <summary>Before the first step of <paramref name="epoch"/> (1-based); after a resume, before its remaining steps.</summary>
    public virtual void OnEpochStart(TrainingContext context, int epoch) { }

    /// <summary>Before a training step; <see cref="TrainingContext.GlobalStep"/> is the number of steps already done.</summary>
    public virtual void OnStepStart(TrainingContext context, int epoch, int step) { }

    /// <summary>After a training step: the batch's values, and the epoch's running figures.</summary>
    public virtual void OnStepEnd(TrainingContext context, StepResult result) { }

    /// <summary>
    /// At every logging point (each <see cref="TrainerOptions.LogEveryNSteps"/> global steps): the training metrics over
    /// the interval (<c>train_loss</c>, <c>train_acc</c>, … as means over its steps), <c>epoch</c>, and what callbacks
    /// logged during it, at global step <paramref name="step"/>. Loggers such as <see cref="TensorBoardLogger"/> write them.
    /// </summary>
    public virtual void OnLog(TrainingContext context, long step, IReadOnlyDictionary<string, double> values) { }

    /// <summary>After the epoch's last training step, before its validation; values logged here join the epoch's row.</summary>
    public virtual void OnTrainEpochEnd(TrainingContext context, int epoch) { }

    /// <summary>After validating at the end of <paramref name="epoch"/> (not called without a validation set); values logged here join the epoch's row.</summary>
    public virtual void OnValidationEnd(TrainingContext context, int epoch, Evaluation validation) { }

    /// <summary>After an epoch and its validation: the row just added to <see cref="TrainingContext.History"/>.</summary>
    public virtual void OnEpochEnd(TrainingContext context, EpochMetrics metrics) { }

    /// <summary>After a checkpoint was written with <see cref="TrainingContext.SaveCheckpoint(string)"/>.</summary>
    public virtual void OnCheckpoint(TrainingContext context, string path, CheckpointState state) { }

    /// <summary>When cancellation stops training between steps: the moment to save what is needed to resume.</summary>
    public virtual void OnInterrupt(TrainingContext context) { }

    /// <summary>After the last epoch, or the epoch in which a stop was requested.</summary>
    public virtual void OnFitEnd(TrainingContext context, FitResult result) { }

    /// <summary>A line for the user (a resume, an early stop, a repaired file, the model summary); <see cref="ProgressBar"/> prints it.</summary>
    public virtual void OnReport(Trainer trainer, string message) { }

    /// <summary>Progress of an evaluation (validating, testing, predicting): <paramref name="done"/> of <paramref name="total"/> batches.</summary>
    public virtual void OnEvaluationProgress(Trainer trainer, string activity, int done, int total) { }
}

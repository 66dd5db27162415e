namespace ViT.Training;

/// <summary>Shows training as it happens: a live bar on a terminal, plain lines in logs and CI.</summary>
public interface IProgressReporter
{
    /// <summary>Any message (the model summary, resume notes, file names).</summary>
    void Message(string text);

    /// <summary>Called after every training step; the running loss and accuracy are those last read (once per <c>LogEveryNSteps</c>), NaN before the epoch's first read.</summary>
    void Step(TrainingProgress progress);

    /// <summary>Called when an epoch and its validation are done.</summary>
    void EpochEnd(EpochMetrics metrics, int epochs);

    /// <summary>Progress of other long work (loading, validating, testing, predicting): <paramref name="done"/> of <paramref name="total"/> units.</summary>
    void Progress(string activity, int done, int total) { }
}

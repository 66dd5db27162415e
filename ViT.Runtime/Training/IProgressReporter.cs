namespace ViT.Training;

/// <summary>Shows training as it happens: a live bar on a terminal, plain lines in logs and CI.</summary>
public interface IProgressReporter
{
    /// <summary>Any message (the model summary, resume notes, file names).</summary>
    void Message(string text);

    /// <summary>Called after every training step.</summary>
    void Step(TrainingProgress progress);

    /// <summary>Called when an epoch and its validation are done.</summary>
    void EpochEnd(EpochMetrics metrics, int epochs);
}

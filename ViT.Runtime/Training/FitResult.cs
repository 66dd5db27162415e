namespace ViT.Training;

/// <summary>The outcome of <see cref="Trainer.Fit"/>: one row of metrics per epoch, including epochs done before a resume.</summary>
/// <param name="History">Metrics per epoch, in order.</param>
/// <param name="TrainingSeconds">Training time of this call, validation excluded (a resumed run counts only what it trained).</param>
/// <param name="ImagesTrained">Training images processed by this call.</param>
public sealed record FitResult(IReadOnlyList<EpochMetrics> History, double TrainingSeconds, long ImagesTrained)
{
    /// <summary>Training throughput of this call.</summary>
    public double ImagesPerSecond => TrainingSeconds > 0 ? ImagesTrained / TrainingSeconds : 0;
}

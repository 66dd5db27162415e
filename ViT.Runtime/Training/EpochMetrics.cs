namespace ViT.Training;

/// <summary>What one epoch achieved, as the tutorial logs it: training and validation loss and accuracy.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean cross-entropy over the epoch's training steps.</param>
/// <param name="TrainAccuracy">Fraction of training images classified right during the epoch.</param>
/// <param name="ValidationLoss">Mean cross-entropy on the validation set after the epoch; NaN without one.</param>
/// <param name="ValidationAccuracy">Validation accuracy after the epoch; NaN without a validation set.</param>
/// <param name="Seconds">Training time of the epoch (validation excluded).</param>
/// <param name="ImagesPerSecond">Training throughput of the epoch.</param>
public sealed record EpochMetrics(int Epoch, double TrainLoss, double TrainAccuracy, double ValidationLoss, double ValidationAccuracy, double Seconds, double ImagesPerSecond);

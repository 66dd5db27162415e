namespace ViT.Training;

/// <summary>A snapshot of the epoch in progress, handed to an <see cref="IProgressReporter"/>.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Epochs">Epochs in the run.</param>
/// <param name="Step">Steps done in this epoch.</param>
/// <param name="Steps">Steps in this epoch.</param>
/// <param name="RunningLoss">Mean loss of the epoch so far.</param>
/// <param name="RunningAccuracy">Training accuracy of the epoch so far.</param>
/// <param name="ImagesPerSecond">Throughput of the epoch so far.</param>
/// <param name="Remaining">Estimated time to the end of the epoch.</param>
public sealed record TrainingProgress(int Epoch, int Epochs, int Step, int Steps, double RunningLoss, double RunningAccuracy, double ImagesPerSecond, TimeSpan Remaining);

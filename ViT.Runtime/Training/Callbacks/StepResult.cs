namespace ViT.Training.Callbacks;

/// <summary>What one training step did, handed to <see cref="TrainerCallback.OnStepEnd"/>.</summary>
/// <param name="GlobalStep">1-based step number over the whole run, counting the epochs before a resume.</param>
/// <param name="Loss">The batch's mean loss.</param>
/// <param name="Correct">Examples of the batch the objective counted as right.</param>
/// <param name="Size">Examples in the batch.</param>
/// <param name="LearningRate">The rate of the optimizer's first parameter group for this step.</param>
/// <param name="Progress">The epoch's running figures, as the progress display shows them.</param>
public sealed record StepResult(long GlobalStep, double Loss, long Correct, int Size, double LearningRate, TrainingProgress Progress);

namespace ViT.Training;

/// <summary>Loss and accuracy of a model on a data set.</summary>
/// <param name="Loss">Mean cross-entropy.</param>
/// <param name="Accuracy">Fraction classified right, in [0, 1].</param>
/// <param name="Count">Number of images evaluated.</param>
public sealed record Evaluation(double Loss, double Accuracy, int Count);

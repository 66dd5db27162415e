using static TorchSharp.torch;

namespace ViT.Training;

/// <summary>
/// What training minimises and what counts as right: the loss of a batch, and which of its examples are correct (the
/// accuracy the trainer reports is the fraction that are). The default is the tutorial's classification: cross-entropy,
/// and the arg max of the logits equal to the label.
/// </summary>
/// <param name="Loss">(model output, targets) → the batch's mean loss, a scalar the trainer calls <c>backward</c> on.</param>
/// <param name="Correct">(model output, targets) → one boolean (or 0/1) per example: whether it counts as right.</param>
public sealed record TrainingObjective(Func<Tensor, Tensor, Tensor> Loss, Func<Tensor, Tensor, Tensor> Correct)
{
    /// <summary>Cross-entropy on the logits; right when the arg max is the label.</summary>
    public static TrainingObjective Classification { get; } = new(
        (logits, labels) => nn.functional.cross_entropy(logits, labels),
        (logits, labels) => logits.argmax(1).eq(labels));

    /// <summary>Cross-entropy with label smoothing (as timm's recipes train); right when the arg max is the label.</summary>
    public static TrainingObjective SmoothedClassification(double smoothing) =>
        smoothing is >= 0 and < 1
            ? Classification with { Loss = (logits, labels) => nn.functional.cross_entropy(logits, labels, label_smoothing: smoothing) }
            : throw new ArgumentOutOfRangeException(nameof(smoothing), smoothing, "Label smoothing must be in [0, 1), such as 0.1.");
}

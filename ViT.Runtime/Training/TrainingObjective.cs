using static TorchSharp.torch;

namespace ViT.Training;

/// <summary>
/// What training minimises: the loss of a batch. The default is the tutorial's cross-entropy; what is reported besides
/// the loss (accuracy, top-5, …) is <see cref="TrainerOptions.Metrics"/>.
/// </summary>
/// <param name="Loss">
/// (model output, targets) → the batch's mean loss, a scalar the trainer calls <c>backward</c> on. The targets are the
/// int64 labels <c>[B]</c>, or under mixup and cutmix (<see cref="TrainerOptions.BatchTransform"/>) each example's class
/// probabilities <c>[B, classes]</c>, which PyTorch's cross-entropy takes as they are.
/// </param>
public sealed record TrainingObjective(Func<Tensor, Tensor, Tensor> Loss)
{
    /// <summary>Cross-entropy on the logits.</summary>
    public static TrainingObjective Classification { get; } = new((logits, targets) => nn.functional.cross_entropy(logits, targets));

    /// <summary>
    /// Cross-entropy with label smoothing (as timm's recipes train): the target puts 1 - ε (plus ε / classes) on the label
    /// and ε / classes on every other class; under mixup the mixed targets are smoothed the same way.
    /// </summary>
    public static TrainingObjective SmoothedClassification(double smoothing) =>
        smoothing is >= 0 and < 1
            ? new((logits, targets) => nn.functional.cross_entropy(logits, targets, label_smoothing: smoothing))
            : throw new ArgumentOutOfRangeException(nameof(smoothing), smoothing, "Label smoothing must be in [0, 1), such as 0.1.");
}

using static TorchSharp.torch;

namespace ViT.Training.Metrics;

/// <summary>What a metric sees of one batch, all on the device the model runs on.</summary>
/// <param name="Output">The model's output, <c>[B, classes]</c> logits for a classifier.</param>
/// <param name="Labels">Each example's class, int64 <c>[B]</c>: under mixup or cutmix the class with the larger share of the mix.</param>
/// <param name="Loss">The batch's mean loss, a scalar, without gradient.</param>
public sealed record MetricBatch(Tensor Output, Tensor Labels, Tensor Loss)
{
    /// <summary>Examples in the batch.</summary>
    public long Count => Labels.shape[0];
}

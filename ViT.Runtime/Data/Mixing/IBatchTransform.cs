using static TorchSharp.torch;

namespace ViT.Data;

/// <summary>
/// Changes a whole training batch and its targets together (mixup, cutmix), after the per-image transforms. Its draws
/// come from <see cref="BatchContext"/> (seed, epoch, step), never from a shared generator, so a resumed run mixes its
/// remaining batches exactly as an uninterrupted one. Evaluation never mixes.
/// </summary>
public interface IBatchTransform
{
    /// <summary>Mixes <paramref name="images"/> <c>[B, C, H, W]</c> with labels <paramref name="labels"/> <c>[B]</c>.</summary>
    MixedBatch Apply(Tensor images, Tensor labels, BatchContext context);
}

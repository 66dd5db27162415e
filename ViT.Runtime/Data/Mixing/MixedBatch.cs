using static TorchSharp.torch;

namespace ViT.Data;

/// <summary>
/// A batch whose images are mixes of two examples each: image i holds <see cref="Share"/>[i] of its own example (label
/// <see cref="Labels"/>[i]) and the rest of its partner's (<see cref="PartnerLabels"/>[i]).
/// </summary>
/// <param name="Images">The mixed images, <c>[B, C, H, W]</c>.</param>
/// <param name="Labels">Each image's own label, int64 <c>[B]</c>.</param>
/// <param name="PartnerLabels">The label of the example mixed in, int64 <c>[B]</c>.</param>
/// <param name="Share">The fraction of each image that is its own example, float32 <c>[B]</c> in [0, 1] (mixup's λ; for cutmix the area outside the box).</param>
public sealed record MixedBatch(Tensor Images, Tensor Labels, Tensor PartnerLabels, Tensor Share)
{
    /// <summary>
    /// Each image's target over <paramref name="classes"/> classes, float32 <c>[B, classes]</c>: <see cref="Share"/> on its
    /// label and the rest on its partner's, summing to one (label smoothing, when the objective has it, applies on top).
    /// </summary>
    public Tensor Targets(long classes)
    {
        var own = nn.functional.one_hot(Labels, classes).to(ScalarType.Float32);
        var partner = nn.functional.one_hot(PartnerLabels, classes).to(ScalarType.Float32);
        var share = Share.unsqueeze(1);
        return own * share + partner * (1 - share);
    }

    /// <summary>The label with the larger share of each image (its own on a tie): what accuracy counts against.</summary>
    public Tensor DominantLabels() => where(Share.ge(0.5), Labels, PartnerLabels);

    /// <summary>The batch on <paramref name="device"/>.</summary>
    public MixedBatch To(Device device) => new(Images.to(device), Labels.to(device), PartnerLabels.to(device), Share.to(device));
}

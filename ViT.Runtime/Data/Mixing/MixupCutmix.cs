using static TorchSharp.torch;

namespace ViT.Data;

/// <summary>
/// timm's <c>Mixup</c> in batch mode: with <see cref="Probability"/>, each training batch is mixed with itself reversed
/// (image i with image B − 1 − i) by one λ drawn from Beta(α, α): by mixup (every pixel λ of its own image and 1 − λ of
/// the partner's) or, with <see cref="SwitchProbability"/> when both are on, by cutmix (a box of about 1 − λ of the area
/// pasted from the partner, λ then set to the area actually kept). The targets put λ on the own label and 1 − λ on the
/// partner's (<see cref="MixedBatch.Targets"/>); label smoothing comes from the objective. Each batch's draws depend
/// only on (seed, epoch, step).
/// </summary>
public sealed record MixupCutmix : IBatchTransform
{
    const int DrawApply = 0, DrawSwitch = 1, DrawBoxTop = 2, DrawBoxLeft = 3, DrawLambda = 4;

    /// <summary>timm's defaults for ViTs: mixup α 0.8, cutmix α 1.0, always, half of the batches each.</summary>
    public MixupCutmix(double mixupAlpha = 0.8, double cutmixAlpha = 1.0, double probability = 1.0, double switchProbability = 0.5)
    {
        if (!(mixupAlpha >= 0)) throw new ArgumentOutOfRangeException(nameof(mixupAlpha), mixupAlpha, "mixupAlpha must be 0 (off) or more, such as 0.8.");
        if (!(cutmixAlpha >= 0)) throw new ArgumentOutOfRangeException(nameof(cutmixAlpha), cutmixAlpha, "cutmixAlpha must be 0 (off) or more, such as 1.0.");
        if (mixupAlpha == 0 && cutmixAlpha == 0) throw new ArgumentException("mixupAlpha or cutmixAlpha must be above 0: with both 0 nothing is mixed; leave BatchTransform null instead.");
        if (probability is not (>= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(probability), probability, "probability must be in [0, 1].");
        if (switchProbability is not (>= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(switchProbability), switchProbability, "switchProbability must be in [0, 1].");
        (MixupAlpha, CutmixAlpha, Probability, SwitchProbability) = (mixupAlpha, cutmixAlpha, probability, switchProbability);
    }

    /// <summary>Beta's α for mixup; 0 turns mixup off.</summary>
    public double MixupAlpha { get; }

    /// <summary>Beta's α for cutmix; 0 turns cutmix off.</summary>
    public double CutmixAlpha { get; }

    /// <summary>The chance that a batch is mixed at all.</summary>
    public double Probability { get; }

    /// <summary>When both are on, the chance that a mixed batch uses cutmix rather than mixup.</summary>
    public double SwitchProbability { get; }

    /// <inheritdoc/>
    public MixedBatch Apply(Tensor images, Tensor labels, BatchContext context)
    {
        var partnerLabels = labels.flip(0);
        long count = images.shape[0];
        if (context.Uniform(DrawApply) >= Probability) return Unmixed(images, labels);
        bool cutmix = CutmixAlpha > 0 && (MixupAlpha == 0 || context.Uniform(DrawSwitch) < SwitchProbability);
        double alpha = cutmix ? CutmixAlpha : MixupAlpha;
        double lambda = new RandomDraws(context.Uniform, DrawLambda).Beta(alpha, alpha);
        var partners = images.flip(0);
        if (!cutmix) return new MixedBatch(images * lambda + partners * (1 - lambda), labels, partnerLabels, Share(count, lambda));

        var (top, bottom, left, right) = Box(images.shape[2], images.shape[3], lambda, context);
        var mixed = images.clone();
        if (bottom > top && right > left)
            mixed.narrow(2, top, bottom - top).narrow(3, left, right - left).copy_(partners.narrow(2, top, bottom - top).narrow(3, left, right - left));
        double kept = 1 - (double)(bottom - top) * (right - left) / (images.shape[2] * images.shape[3]);
        return new MixedBatch(mixed, labels, partnerLabels, Share(count, kept));
    }

    /// <summary>timm's <c>rand_bbox</c>: a box of sides √(1 − λ) of the image's, centred anywhere, clipped to the image.</summary>
    static (long Top, long Bottom, long Left, long Right) Box(long height, long width, double lambda, BatchContext context)
    {
        double ratio = Math.Sqrt(1 - lambda);
        long cutHeight = (long)(height * ratio), cutWidth = (long)(width * ratio);
        long centreY = (long)(context.Uniform(DrawBoxTop) * height), centreX = (long)(context.Uniform(DrawBoxLeft) * width);
        return (Math.Clamp(centreY - cutHeight / 2, 0, height), Math.Clamp(centreY + cutHeight / 2, 0, height),
            Math.Clamp(centreX - cutWidth / 2, 0, width), Math.Clamp(centreX + cutWidth / 2, 0, width));
    }

    static MixedBatch Unmixed(Tensor images, Tensor labels) => new(images, labels, labels, Share(images.shape[0], 1));

    static Tensor Share(long count, double share) => full(count, share, ScalarType.Float32);
}

using ViT.Data;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Data;

/// <summary>Mixup and cutmix: the targets sum to one, the images are the mix the shares state, and the draws depend on (seed, epoch, step) only.</summary>
public sealed class MixupCutmixTests
{
    /// <summary>Eight images, each filled with its own value, and their labels.</summary>
    static (Tensor Images, Tensor Labels) Batch()
    {
        var images = (arange(8, dtype: ScalarType.Float32) + 1).reshape(8, 1, 1, 1).expand(8, 1, 28, 28).contiguous();
        return (images, tensor(new long[] { 0, 1, 2, 3, 4, 5, 6, 7 }));
    }

    [Fact]
    public void Mixup_images_are_the_stated_mix_of_each_image_and_its_partner()
    {
        using var scope = NewDisposeScope();
        var (images, labels) = Batch();

        var mixed = new MixupCutmix(mixupAlpha: 0.8, cutmixAlpha: 0).Apply(images, labels, new BatchContext(1, 1, 1));

        var share = mixed.Share.reshape(8, 1, 1, 1);
        Assert.True((mixed.Images - (share * images + (1 - share) * images.flip(0))).abs().max().item<float>() < 1e-5);
        Assert.Equal(labels.flip(0).data<long>().ToArray(), mixed.PartnerLabels.data<long>().ToArray());
        Assert.Single(mixed.Share.data<float>().ToArray().Distinct()); // one λ for the batch
        AssertTargetsSumToOne(mixed);
    }

    [Fact]
    public void Cutmix_pastes_one_box_of_the_partner_and_the_share_is_the_area_kept()
    {
        using var scope = NewDisposeScope();
        var (images, labels) = Batch();

        var mixed = new MixupCutmix(mixupAlpha: 0, cutmixAlpha: 1.0).Apply(images, labels, new BatchContext(3, 2, 5));

        for (int i = 0; i < 8; i++)
        {
            var own = mixed.Images[i].eq(i + 1);
            var partner = mixed.Images[i].eq(8 - i);
            Assert.True(own.logical_or(partner).all().item<bool>(), "every pixel is the image's own or its partner's");
            Assert.Equal(mixed.Share[i].item<float>(), own.to(ScalarType.Float32).mean().item<float>(), 5);
        }
        AssertTargetsSumToOne(mixed);
    }

    [Fact]
    public void The_draws_depend_on_seed_epoch_and_step_and_follow_beta()
    {
        using var scope = NewDisposeScope();
        var (images, labels) = Batch();
        var mix = new MixupCutmix(mixupAlpha: 0.8, cutmixAlpha: 0);
        float ShareAt(int seed, int epoch, int step) => mix.Apply(images, labels, new BatchContext(seed, epoch, step)).Share[0].item<float>();

        Assert.Equal(ShareAt(1, 1, 1), ShareAt(1, 1, 1));
        var shares = Enumerable.Range(1, 1000).Select(step => (double)ShareAt(1, 1, step)).ToArray();
        // Beta(0.8, 0.8): mean 1/2, variance 0.8² / (1.6² · 2.6) = 0.0962.
        double mean = shares.Average(), variance = shares.Select(s => (s - mean) * (s - mean)).Average();
        Assert.InRange(mean, 0.47, 0.53);
        Assert.InRange(variance, 0.085, 0.108);
        Assert.True(shares.Distinct().Count() > 950);
        Assert.NotEqual(ShareAt(1, 1, 1), ShareAt(2, 1, 1));
        Assert.NotEqual(ShareAt(1, 1, 1), ShareAt(1, 2, 1));
    }

    [Fact]
    public void Accuracy_counts_against_the_label_with_the_larger_share()
    {
        using var scope = NewDisposeScope();
        var mixed = new MixedBatch(zeros(3, 1, 2, 2), tensor(new long[] { 1, 2, 3 }), tensor(new long[] { 7, 8, 9 }), tensor(new[] { 0.7f, 0.3f, 0.5f }));

        Assert.Equal([1L, 8, 3], mixed.DominantLabels().data<long>().ToArray());
        Assert.Equal([0.7f, 0.3f], mixed.Targets(10)[0].data<float>().ToArray().Where(p => p > 0));
    }

    static void AssertTargetsSumToOne(MixedBatch mixed)
    {
        var targets = mixed.Targets(10);
        Assert.True((targets.sum(1) - 1).abs().max().item<float>() < 1e-6);
        Assert.True(targets.min().item<float>() >= 0);
    }
}

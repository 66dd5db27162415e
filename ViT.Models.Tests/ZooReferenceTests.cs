using ViT.Benchmarks.Hand;
using ViT.Models.Tests.Zoo;

namespace ViT.Models.Tests;

/// <summary>The comparison helper refuses a state dict that is not the reference's, and tells a wrong network from a right one.</summary>
public sealed class ZooReferenceTests
{
    [Fact]
    public void Lists_every_entry_that_differs_from_the_reference()
    {
        using var resnet50 = HandModels.ResNet50();

        var error = Assert.Throws<InvalidOperationException>(() => ZooReference.MaxRelativeLogitDifference(resnet50, ZooFixture.Load("ResNet18")));

        Assert.Contains("HandResNet50's state dict differs from torchvision", error.Message);
        Assert.Contains("different: layer1.0.conv1.weight is F32 [64, 64, 1, 1] parameter, the reference's F32 [64, 64, 3, 3] parameter", error.Message);
        Assert.Contains("unexpected: layer1.0.conv3.weight F32 [256, 64, 1, 1] parameter", error.Message);
        Assert.Contains("unexpected: layer1.0.bn3.num_batches_tracked I64 [] buffer", error.Message);
    }

    [Fact]
    public void Names_a_missing_entry()
    {
        using var vit = HandModels.VitSmallPatch16();

        var error = Assert.Throws<InvalidOperationException>(() => ZooReference.RequireStateDict(vit, ZooFixture.Load("DeitTinyDistilledPatch16")));

        Assert.Contains("missing: dist_token F32 [1, 1, 192] parameter", error.Message);
        Assert.Contains("missing: head_dist.weight F32 [1000, 192] parameter", error.Message);
    }

    [Fact]
    public void A_network_with_the_same_state_dict_but_another_function_is_far_off()
    {
        // Twice the heads: every tensor has the reference's name and shape, the attention computes something else.
        var config = HandViTConfig.VitSmallPatch16 with { Heads = 12 };
        using var wrong = new HandViT("TwelveHeads", config, () => new TimmAttention(config.Dim, config.Heads));

        double difference = ZooReference.MaxRelativeLogitDifference(wrong, ZooFixture.Load("VitSmallPatch16"));

        Assert.True(difference > 1e-2, $"twelve heads instead of six moved the logits only {difference:E2}");
    }
}

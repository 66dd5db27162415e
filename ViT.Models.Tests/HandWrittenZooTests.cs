using TorchSharp;
using ViT.Benchmarks.Hand;
using ViT.Models.Tests.Zoo;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ViT.Models.Tests;

/// <summary>
/// The hand-written baselines of the speed table (ViT.Benchmarks/Hand) compute torchvision's ResNet-50 and
/// EfficientNet-B0 and timm's ViT-S/16: same state dict, same logits on formula weights.
/// </summary>
public sealed class HandWrittenZooTests(ITestOutputHelper output)
{
    const double Tolerance = 1e-4;

    public static TheoryData<string> Models => new("ResNet50", "EfficientNetB0", "VitSmallPatch16");

    internal static nn.Module<Tensor, Tensor> Create(string model) => model switch
    {
        "ResNet50" => HandModels.ResNet50(),
        "EfficientNetB0" => HandModels.EfficientNetB0(),
        "VitSmallPatch16" => HandModels.VitSmallPatch16(),
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "no hand-written form"),
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Computes_the_reference(string model)
    {
        var fixture = ZooFixture.Load(model);
        using var module = Create(model);

        double difference = ZooReference.MaxRelativeLogitDifference(module, fixture);

        output.WriteLine($"{model}: max relative logit difference {difference:E2} against {fixture.Reference}");
        Assert.True(difference < Tolerance, $"{model}: logits differ from {fixture.Reference}'s by {difference:E2} of the largest (tolerance {Tolerance:E0}).");
        Assert.Equal(fixture.Parameters, module.parameters().Sum(p => p.numel()));
    }
}

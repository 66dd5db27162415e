using ViT.Benchmarks.Hand;
using ViT.Samples.Models;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Models;

/// <summary>The models the suites and commands measure, each generated and hand-written: the samples' and three of the zoo's.</summary>
public static class BenchmarkModels
{
    static readonly long[] Mnist = [1, 28, 28];
    static readonly long[] ImageNet = [3, 224, 224];

    /// <summary>Every benchmarked model, in the order <c>--model all</c> runs them.</summary>
    public static IReadOnlyList<BenchmarkModel> All { get; } =
    [
        new("tutorial", TutorialViT.ModelSummary.ForwardFlops, InPrecision(() => new TutorialViT()), HandModels.Tutorial, Mnist, 10,
            ProbeShape: (64 * 17, 100, 400)),     // fc1 over 64 images of 17 tokens
        new("timm", TimmViT.ModelSummary.ForwardFlops, InPrecision(() => new TimmViT()), HandModels.Timm, Mnist, 10,
            ProbeShape: (64 * 17, 100, 400)),
        new("cnn", LeNet.ModelSummary.ForwardFlops, InPrecision(() => new LeNet()), HandLeNet.Create, Mnist, 10,
            ProbeShape: (64 * 10 * 10, 6 * 5 * 5, 16)), // the second convolution as a product (im2col)
        new("resnet", ResNet.ModelSummary.ForwardFlops, InPrecision(() => new ResNet()), () => new HandResNet(), Mnist, 10,
            ProbeShape: (64 * 28 * 28, 16 * 3 * 3, 16)), // a first-stage convolution as a product
        new("hybrid", HybridViT.ModelSummary.ForwardFlops, InPrecision(() => new HybridViT()), HandModels.Hybrid, Mnist, 10,
            ProbeShape: (64 * 50, 64, 256)),      // fc1 over 64 images of 50 tokens
    ];

    /// <summary>
    /// ViT.Models' ResNet-50, EfficientNet-B0 and ViT-S/16 against the same networks written by hand in TorchSharp
    /// (torchvision's and timm's structure), at ImageNet's input and batch 8: <c>--model zoo</c> runs them.
    /// </summary>
    public static IReadOnlyList<BenchmarkModel> Zoo { get; } =
    [
        new("resnet50", ViT.Models.ResNet50.ModelSummary.ForwardFlops, InPrecision(() => new ViT.Models.ResNet50()), HandModels.ResNet50, ImageNet, 1000,
            ProbeShape: (8 * 56 * 56, 64 * 3 * 3, 64), BatchSize: 8),   // a first-stage 3x3 convolution as a product
        new("efficientnet_b0", ViT.Models.EfficientNetB0.ModelSummary.ForwardFlops, InPrecision(() => new ViT.Models.EfficientNetB0()), HandModels.EfficientNetB0, ImageNet, 1000,
            ProbeShape: (8 * 112 * 112, 32, 16), BatchSize: 8),         // the first projection, a 1x1 convolution
        new("vit_s16", ViT.Models.VitSmallPatch16.ModelSummary.ForwardFlops, InPrecision(() => new ViT.Models.VitSmallPatch16()), HandModels.VitSmallPatch16, ImageNet, 1000,
            ProbeShape: (8 * 197, 384, 1536), BatchSize: 8),            // fc1 over 8 images of 197 tokens
    ];

    /// <summary>The names <c>--model</c> accepts, besides <c>all</c> (the samples') and <c>zoo</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Concat(Zoo).Select(model => model.Name).ToArray();

    /// <summary>The model named <paramref name="name"/>, the samples' for <c>all</c>, the zoo's three for <c>zoo</c>.</summary>
    public static IReadOnlyList<BenchmarkModel> Select(string name) => name switch
    {
        "all" => All,
        "zoo" => Zoo,
        _ => [All.Concat(Zoo).Single(model => model.Name == name)],
    };

    /// <summary>
    /// The generated model computing in <paramref name="precision"/> whatever its <c>[Precision]</c> says: the
    /// instance's <c>Precision</c> property is what <c>[Precision(Precision.BFloat16)]</c> and <c>--precision</c> set.
    /// </summary>
    static Func<BenchPrecision, nn.Module<Tensor, Tensor>> InPrecision<TModel>(Func<TModel> create)
        where TModel : nn.Module<Tensor, Tensor>, IGeneratedModel =>
        precision =>
        {
            var model = create();
            model.Precision = precision == BenchPrecision.Bf16 ? Precision.BFloat16 : Precision.Float32;
            return model;
        };
}

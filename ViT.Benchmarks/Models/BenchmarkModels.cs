using ViT.Benchmarks.Hand;
using ViT.Samples.Models;
using static TorchSharp.torch;

namespace ViT.Benchmarks.Models;

/// <summary>The sample models the suites and commands measure, each generated and hand-written.</summary>
public static class BenchmarkModels
{
    static readonly long[] Mnist = [1, 28, 28];

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

    /// <summary>The names <c>--model</c> accepts, besides <c>all</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(model => model.Name).ToArray();

    /// <summary>The model named <paramref name="name"/>, or every model for <c>all</c>.</summary>
    public static IReadOnlyList<BenchmarkModel> Select(string name) =>
        name == "all" ? All : [All.Single(model => model.Name == name)];

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

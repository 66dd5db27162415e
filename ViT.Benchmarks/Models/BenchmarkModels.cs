using ViT.Benchmarks.Hand;
using ViT.Samples.Models;

namespace ViT.Benchmarks.Models;

/// <summary>The sample models the suites and commands measure, each generated and hand-written.</summary>
public static class BenchmarkModels
{
    static readonly long[] Mnist = [1, 28, 28];
    static readonly (long, long, long) TransformerMlp = (64 * 17, 100, 400); // fc1 over 64 images of 17 tokens
    static readonly (long, long, long) ConvTwoAsMatMul = (64 * 8 * 8, 6 * 5 * 5, 16); // conv2 as im2col

    /// <summary>Every benchmarked model, in the order <c>--model all</c> runs them.</summary>
    public static IReadOnlyList<BenchmarkModel> All { get; } =
    [
        new("tutorial",
            TemporaryForwardFlops.VisionTransformer(1, 28, 7, 100, 3, 3, AttentionKind.TutorialListing, 400, 10),
            precision => precision == BenchPrecision.Fp32 ? new TutorialViT() : null,
            () => new HandViT("HandTutorialViT", HandViTConfig.Tutorial, () => new TutorialListingAttention(100, 3)),
            Mnist, 10, TransformerMlp),
        new("timm",
            TemporaryForwardFlops.VisionTransformer(1, 28, 7, 100, 3, 2, AttentionKind.Split, 400, 10),
            precision => precision == BenchPrecision.Fp32 ? new TimmViT() : null,
            () => new HandViT("HandTimmViT", HandViTConfig.Timm, () => new TimmAttention(100, 2)),
            Mnist, 10, TransformerMlp),
        // The generated CNN arrives with the layer algebra (issue 12); until then only the hand-written one runs.
        new("cnn", TemporaryForwardFlops.LeNet(), Generated: null, HandLeNet.Create, Mnist, 10, ConvTwoAsMatMul),
    ];

    /// <summary>The names <c>--model</c> accepts, besides <c>all</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(model => model.Name).ToArray();

    /// <summary>The model named <paramref name="name"/>, or every model for <c>all</c>.</summary>
    public static IReadOnlyList<BenchmarkModel> Select(string name) =>
        name == "all" ? All : [All.Single(model => model.Name == name)];
}

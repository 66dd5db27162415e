using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Generated;

/// <summary>The two tutorial models have exactly the parameters PyTorch gives for the same architecture.</summary>
public sealed class ParameterCountTests
{
    /// <summary>By hand, from PyTorch's layer sizes (weight + bias), for D 100, 16 patches of 7x7x1, 10 classes.</summary>
    static long Common(long d = 100, long classes = 10)
    {
        long patchEmbed = (1 * 7 * 7 * d) + d;  // Conv2d(1, 100, 7, 7): 5,000
        long clsToken = d;                      // 100
        long posEmbed = 17 * d;                 // 1,700
        long finalNorm = 2 * d;                 // 200 (the tutorial creates it without applying it)
        long head = (d * classes) + classes;    // 1,010
        return patchEmbed + clsToken + posEmbed + finalNorm + head;
    }

    static long Mlp(long d = 100) => (d * 4 * d) + (4 * d) + (4 * d * d) + d; // 40,400 + 40,100
    static long Norms(long d = 100) => 2 * 2 * d;                              // norm1 + norm2: 400

    [Fact]
    public void Tutorial_configuration_has_613_710_parameters()
    {
        long d = 100, h = 3;
        long attention = (3 * ((d * d * h) + (d * h))) + (d * h * d) + d; // q, k, v: 3 x 30,300; proj: 30,100
        long expected = Common() + (3 * (Norms() + attention + Mlp()));
        Assert.Equal(613_710, expected);
        Assert.Equal(TutorialConfigViT.ParameterCount, expected);
        Assert.Equal(expected, TutorialConfigViT.ModelSummary.TotalParameters);
        using var model = new TutorialConfigViT();
        Assert.Equal(expected, model.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Timm_configuration_has_371_910_parameters()
    {
        long d = 100;
        long attention = (d * 3 * d) + (3 * d) + (d * d) + d; // qkv: 30,300; proj: 10,100
        long expected = Common() + (3 * (Norms() + attention + Mlp()));
        Assert.Equal(371_910, expected);
        Assert.Equal(TimmConfigViT.ParameterCount, expected);
        using var model = new TimmConfigViT();
        Assert.Equal(expected, model.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Every_generated_model_counts_what_it_builds()
    {
        (nn.Module Model, long Count)[] models =
        {
            (new SmallWideViT(), SmallWideViT.ParameterCount),
            (new SmallListingViT(), SmallListingViT.ParameterCount),
            (new SmallSplitViT(), SmallSplitViT.ParameterCount),
            (new SmallMeanPoolViT(), SmallMeanPoolViT.ParameterCount),
        };
        foreach (var (model, count) in models)
        {
            Assert.Equal(count, model.parameters().Sum(p => p.numel()));
            model.Dispose();
        }
    }

    [Fact]
    public void The_summary_rows_sum_to_the_total_and_are_reachable_from_an_instance()
    {
        using var model = new TutorialConfigViT();
        ModelSummary summary = ((IGeneratedModel)model).Summary;
        Assert.Same(TutorialConfigViT.ModelSummary, summary);
        Assert.Equal(new long[] { 1, 28, 28 }, summary.InputShape);
        Assert.Equal(new long[] { 10 }, summary.OutputShape);
        Assert.Equal(["patch_embed", "cls_token", "pos_embed", "blocks.0", "blocks.1", "blocks.2", "norm", "head"], summary.Rows.Select(r => r.Layer));
        Assert.Contains("Total parameters: 613,710", summary.ToString(), StringComparison.Ordinal);
    }
}

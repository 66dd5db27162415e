using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Generated;

/// <summary>
/// The generated forward equals an independent double-precision reference (<see cref="ReferenceViT"/>) within 1e-5
/// relative error (max |difference| over max |reference|), on random weights and inputs, for every attention kind.
/// </summary>
public sealed class ReferenceForwardTests
{
    const double Tolerance = 1e-5;

    [Fact]
    public void Wide_attention_matches_the_reference() => Check(new SmallWideViT(), new ReferenceViT
    {
        Channels = 1, Height = 8, Width = 8, Patch = 4, Dim = 8, Layers = 2, Heads = 2, Attention = AttentionKind.Wide, Relu = true,
        Eps = 1e-5, ClassToken = true, ApplyFinalNorm = false, QkvBias = true, MeanPool = false,
    }, new long[] { 3, 1, 8, 8 });

    [Fact]
    public void Tutorial_listing_attention_matches_the_reference() => Check(new SmallListingViT(), new ReferenceViT
    {
        Channels = 1, Height = 8, Width = 12, Patch = 4, Dim = 8, Layers = 2, Heads = 2, Attention = AttentionKind.TutorialListing, Relu = true,
        Eps = 1e-5, ClassToken = true, ApplyFinalNorm = false, QkvBias = true, MeanPool = false,
    }, new long[] { 3, 1, 8, 12 });

    [Fact]
    public void Split_attention_matches_the_reference() => Check(new SmallSplitViT(), new ReferenceViT
    {
        Channels = 1, Height = 8, Width = 8, Patch = 4, Dim = 8, Layers = 2, Heads = 2, Attention = AttentionKind.Split, Relu = false,
        Eps = 1e-6, ClassToken = true, ApplyFinalNorm = true, QkvBias = true, MeanPool = false,
    }, new long[] { 3, 1, 8, 8 });

    [Fact]
    public void Mean_pooling_without_qkv_bias_matches_the_reference() => Check(new SmallMeanPoolViT(), new ReferenceViT
    {
        Channels = 2, Height = 8, Width = 12, Patch = 4, Dim = 12, Layers = 1, Heads = 3, Attention = AttentionKind.Split, Relu = false,
        Eps = 1e-6, ClassToken = false, ApplyFinalNorm = true, QkvBias = false, MeanPool = true,
    }, new long[] { 2, 2, 8, 12 });

    [Fact]
    public void Wide_attention_with_gelu_final_norm_and_mean_pooling_matches_the_reference() => Check(new SmallWideMeanViT(), new ReferenceViT
    {
        Channels = 1, Height = 8, Width = 8, Patch = 4, Dim = 6, Layers = 1, Heads = 3, Attention = AttentionKind.Wide, Relu = false,
        Eps = 1e-5, ClassToken = true, ApplyFinalNorm = true, QkvBias = true, MeanPool = true,
    }, new long[] { 4, 1, 8, 8 });

    [Fact]
    public void The_reference_erf_is_accurate()
    {
        // erf values from tables (Abramowitz and Stegun 7.1).
        Assert.Equal(0.5204998778130465, ReferenceViT.Erf(0.5), 1e-14);
        Assert.Equal(0.8427007929497149, ReferenceViT.Erf(1.0), 1e-14);
        Assert.Equal(-0.9953222650189527, ReferenceViT.Erf(-2.0), 1e-13);
        Assert.Equal(0.9999779095030014, ReferenceViT.Erf(3.0), 1e-8);
    }

    static void Check(nn.Module<Tensor, Tensor> model, ReferenceViT reference, long[] inputShape)
    {
        using var scope = NewDisposeScope();
        manual_seed(42);
        using (no_grad())
        {
            // Random weights well away from the initialisation, so softmax, LayerNorm gains and biases all matter.
            foreach (var p in model.parameters()) p.normal_(0, 0.5);
        }

        model.to(float64);
        model.eval();
        reference.Load(model);
        var input = randn(inputShape, dtype: float64);
        using (no_grad())
        {
            var output = model.forward(input);
            int batch = (int)inputShape[0];
            int perImage = (int)(inputShape[1] * inputShape[2] * inputShape[3]);
            var pixels = input.data<double>().ToArray();
            var actual = output.data<double>().ToArray();
            int classes = (int)output.shape[1];
            for (int b = 0; b < batch; b++)
            {
                var expected = reference.Forward(pixels.Skip(b * perImage).Take(perImage).ToArray());
                Assert.Equal(classes, expected.Length);
                double scale = expected.Max(Math.Abs);
                double error = expected.Select((e, i) => Math.Abs(e - actual[(b * classes) + i])).Max() / scale;
                Assert.True(error < Tolerance, $"relative error {error:E2} for image {b}");
            }
        }

        model.Dispose();
    }
}

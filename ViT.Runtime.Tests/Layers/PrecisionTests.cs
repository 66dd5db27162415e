using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Layers;

/// <summary>
/// [Precision(Precision.BFloat16)]: the products run in bfloat16 (the logits differ from float32's by bfloat16's
/// rounding, not by float32's), while the weights, the logits and the gradients that reach the optimizer stay float32.
/// </summary>
public sealed class PrecisionTests
{
    static double RelativeDifference(Tensor a, Tensor b) => ((a - b).abs().max() / b.abs().max()).item<float>();

    [Fact]
    public void A_bfloat16_model_computes_in_bfloat16_from_float32_weights_and_returns_float32_gradients()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var mixed = new MixedTimmViT();
        using var plain = new FloatTimmViT();
        plain.load_state_dict(mixed.state_dict());
        var images = rand(8, 1, 28, 28);

        var logits = mixed.forward(images);
        double difference = RelativeDifference(logits, plain.forward(images));
        Assert.Equal(ScalarType.Float32, logits.dtype);
        Assert.InRange(difference, 1e-4, 5e-2); // bfloat16 keeps 8 bits of mantissa: differences of 1e-3 to 1e-2; float32 would give 1e-7
        Assert.All(mixed.parameters(), p => Assert.Equal(ScalarType.Float32, p.dtype));

        nn.functional.cross_entropy(logits, randint(0, 10, 8, dtype: int64)).backward();
        Assert.All(mixed.parameters(), p => Assert.Equal(ScalarType.Float32, p.grad!.dtype));
        Assert.All(mixed.parameters(), p => Assert.True(p.grad!.abs().sum().item<float>() > 0));
    }

    [Fact]
    public void An_instance_can_switch_precision_and_back()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        using var model = new FloatTimmViT();
        var images = rand(4, 1, 28, 28);
        var float32 = model.forward(images);

        model.Precision = Precision.BFloat16;
        Assert.InRange(RelativeDifference(model.forward(images), float32), 1e-4, 5e-2);

        model.Precision = Precision.Float32;
        Assert.Equal(float32.data<float>().ToArray(), model.forward(images).data<float>().ToArray());
        Assert.Equal(Precision.Float32, FloatTimmViT.ModelSummary.Precision);
        Assert.Equal(Precision.BFloat16, MixedTimmViT.ModelSummary.Precision);
    }

    [Fact]
    public void Setting_the_precision_reaches_the_models_used_as_layers()
    {
        using var model = new ResidualModel();
        var inner = model.children().OfType<IGeneratedModel>().ToList();
        Assert.Equal(2, inner.Count);
        model.Precision = Precision.BFloat16;
        Assert.All(inner, m => Assert.Equal(Precision.BFloat16, m.Precision));
        model.Precision = Precision.Float32;
        Assert.All(inner, m => Assert.Equal(Precision.Float32, m.Precision));
    }
}

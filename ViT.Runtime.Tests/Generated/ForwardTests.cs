using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Generated;

/// <summary>Generated models run forward on CPU with the declared shapes and guard their input.</summary>
public sealed class ForwardTests
{
    [Fact]
    public void Tutorial_and_timm_models_map_a_batch_of_images_to_logits()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var tutorial = new TutorialConfigViT();
        using var timm = new TimmConfigViT();
        var images = rand(5, 1, 28, 28);
        Assert.Equal(new long[] { 5, 10 }, tutorial.forward(images).shape);
        Assert.Equal(new long[] { 5, 10 }, timm.forward(images).shape);
        Assert.Equal(new long[] { 10 }, TimmConfigViT.OutputShape);
        Assert.Equal(new long[] { 1, 28, 28 }, TimmConfigViT.InputShape);
    }

    [Fact]
    public void Mean_pooling_without_class_token_runs_on_a_non_square_image()
    {
        using var scope = NewDisposeScope();
        using var model = new SmallMeanPoolViT();
        Assert.Equal(new long[] { 2, 4 }, model.forward(rand(2, 2, 8, 12)).shape);
    }

    [Fact]
    public void A_model_nested_in_partial_types_is_generated_and_runs()
    {
        using var scope = NewDisposeScope();
        using var model = new NestedModels.InnerViT();
        Assert.Equal(new long[] { 2, 3 }, model.forward(rand(2, 1, 8, 8)).shape);
        Assert.Equal(NestedModels.InnerViT.ParameterCount, model.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void A_wrong_input_shape_throws_with_the_model_name_and_both_shapes()
    {
        using var scope = NewDisposeScope();
        using var model = new TutorialConfigViT();
        var error = Assert.Throws<ShapeMismatchException>(() => model.forward(rand(2, 3, 28, 28)));
        Assert.Equal("TutorialConfigViT expects input of shape [B, 1, 28, 28] but got [2, 3, 28, 28].", error.Message);
        Assert.Equal("TutorialConfigViT", error.ModelName);
        Assert.Throws<ShapeMismatchException>(() => model.forward(rand(28, 28)));
    }

    [Fact]
    public void Gradients_reach_every_parameter()
    {
        using var scope = NewDisposeScope();
        using var model = new SmallSplitViT();
        model.forward(rand(2, 1, 8, 8)).sum().backward();
        Assert.All(model.named_parameters(), p => Assert.True(p.parameter.grad is not null, p.name + " has no gradient"));
    }

    [Fact]
    public void Timm_initialisation_gives_small_linear_weights_zero_biases_and_unit_norms()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        using var model = new TimmConfigViT();
        var state = model.state_dict();
        Assert.InRange(state["blocks.0.mlp.fc1.weight"].std().item<float>(), 0.015f, 0.025f);
        Assert.Equal(0f, state["blocks.0.attn.qkv.bias"].abs().max().item<float>());
        Assert.Equal(1f, state["blocks.0.norm1.weight"].min().item<float>());
        Assert.InRange(state["cls_token"].abs().max().item<float>(), 0f, 1e-4f);
    }
}

using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Generated;

/// <summary>State-dict names follow timm, so weights move to and from timm by name.</summary>
public sealed class StateDictTests
{
    [Fact]
    public void Timm_configuration_has_exactly_timms_state_dict_keys_and_shapes()
    {
        // Written out by hand from timm's VisionTransformer(img_size=28, patch_size=7, in_chans=1, num_classes=10,
        // embed_dim=100, depth=3, num_heads=2): model.state_dict() keys and shapes.
        var expected = new Dictionary<string, long[]>
        {
            ["cls_token"] = [1, 1, 100],
            ["pos_embed"] = [1, 17, 100],
            ["patch_embed.proj.weight"] = [100, 1, 7, 7],
            ["patch_embed.proj.bias"] = [100],
            ["norm.weight"] = [100],
            ["norm.bias"] = [100],
            ["head.weight"] = [10, 100],
            ["head.bias"] = [10],
        };
        for (int i = 0; i < 3; i++)
        {
            expected[$"blocks.{i}.norm1.weight"] = [100];
            expected[$"blocks.{i}.norm1.bias"] = [100];
            expected[$"blocks.{i}.attn.qkv.weight"] = [300, 100];
            expected[$"blocks.{i}.attn.qkv.bias"] = [300];
            expected[$"blocks.{i}.attn.proj.weight"] = [100, 100];
            expected[$"blocks.{i}.attn.proj.bias"] = [100];
            expected[$"blocks.{i}.norm2.weight"] = [100];
            expected[$"blocks.{i}.norm2.bias"] = [100];
            expected[$"blocks.{i}.mlp.fc1.weight"] = [400, 100];
            expected[$"blocks.{i}.mlp.fc1.bias"] = [400];
            expected[$"blocks.{i}.mlp.fc2.weight"] = [100, 400];
            expected[$"blocks.{i}.mlp.fc2.bias"] = [100];
        }

        using var model = new TimmConfigViT();
        var actual = model.state_dict();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, shape) in expected) Assert.True(shape.SequenceEqual(actual[key].shape), key);
    }

    [Fact]
    public void The_shorthand_builds_the_same_model_as_the_layer_attributes()
    {
        using var shorthand = new ShorthandTimmViT();
        using var layered = new TimmConfigViT();
        Assert.Equal(TimmConfigViT.ParameterCount, ShorthandTimmViT.ParameterCount);
        Assert.Equal(
            layered.state_dict().Select(kv => kv.Key + string.Join("x", kv.Value.shape)).Order(StringComparer.Ordinal),
            shorthand.state_dict().Select(kv => kv.Key + string.Join("x", kv.Value.shape)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Wide_and_listing_attention_name_their_projections_q_k_v_and_proj()
    {
        using var model = new TutorialConfigViT();
        var keys = model.state_dict().Keys.Where(k => k.StartsWith("blocks.0.attn.", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(
            ["blocks.0.attn.k.bias", "blocks.0.attn.k.weight", "blocks.0.attn.proj.bias", "blocks.0.attn.proj.weight", "blocks.0.attn.q.bias", "blocks.0.attn.q.weight", "blocks.0.attn.v.bias", "blocks.0.attn.v.weight"],
            keys);
        Assert.Equal(new long[] { 300, 100 }, model.state_dict()["blocks.0.attn.q.weight"].shape);
        Assert.Equal(new long[] { 100, 300 }, model.state_dict()["blocks.0.attn.proj.weight"].shape);
        using var wide = new SmallWideViT();
        Assert.Equal(keys, wide.state_dict().Keys.Where(k => k.StartsWith("blocks.0.attn.", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_state_dict_round_trips_by_name_into_a_fresh_model()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var first = new SmallSplitViT();
        manual_seed(4);
        using var second = new SmallSplitViT();
        var input = rand(2, 1, 8, 8);
        second.load_state_dict(first.state_dict());
        using (no_grad())
        {
            Assert.True(first.forward(input).allclose(second.forward(input)));
        }
    }
}

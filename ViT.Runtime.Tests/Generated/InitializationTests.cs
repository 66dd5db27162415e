using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Generated;

/// <summary>
/// The scheme a used block initialises with: timm's zeroes a Linear's bias (and draws weights from a truncated normal of
/// std 0.02), PyTorch's draws the bias from U(-1/sqrt(fan_in), 1/sqrt(fan_in)), so the bias tells them apart.
/// </summary>
public sealed class InitializationTests
{
    [Fact]
    public void A_block_without_its_own_scheme_follows_its_user_and_one_with_a_scheme_keeps_it()
    {
        using var pytorch = new PyTorchInitializedBlocks();
        using var timm = new TimmInitializedBlock();
        var pytorchState = pytorch.state_dict();

        var inherited = pytorchState["0.0.bias"];
        Assert.True(inherited.abs().max().item<float>() > 0, "the block used by a PyTorchDefault model kept timm's zero bias");
        Assert.True(inherited.abs().max().item<float>() <= 1 / MathF.Sqrt(8), "the bias is not PyTorch's U(-1/sqrt(8), 1/sqrt(8))");
        Assert.Equal(0, pytorchState["1.0.bias"].abs().max().item<float>());
        Assert.Equal(0, timm.state_dict()["0.0.bias"].abs().max().item<float>());
    }
}

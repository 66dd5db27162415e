using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Torch;

/// <summary>Proves the native TorchSharp libraries load and compute on this machine.</summary>
public sealed class TorchSharpLoadsTests
{
    [Fact]
    public void Convolution_forward_matches_a_hand_computed_result()
    {
        // A 4x4 image 0..15 convolved with a 2x2 kernel of ones at stride 2 sums each 2x2 block.
        using var image = arange(16, dtype: float32).reshape(1, 1, 4, 4);
        using var conv = nn.Conv2d(1, 1, kernel_size: 2, stride: 2, bias: false);
        using (no_grad())
        {
            conv.weight!.fill_(1f);
        }

        using var output = conv.forward(image);

        Assert.Equal(new long[] { 1, 1, 2, 2 }, output.shape);
        float[] expected = { 0 + 1 + 4 + 5, 2 + 3 + 6 + 7, 8 + 9 + 12 + 13, 10 + 11 + 14 + 15 };
        Assert.Equal(expected, output.data<float>().ToArray());
    }
}

using ViT.Generators.Emit;

namespace ViT.Generators.Layers;

/// <summary>timm's initialisation of a Linear layer, which every layer that owns one writes for its own.</summary>
internal static class LinearInit
{
    /// <summary>
    /// Truncated normal std 0.02 for the weight, zero bias. timm's trunc_normal_(std=0.02, a=-2, b=2) cuts 100
    /// standard deviations out, so a clamped normal is the same distribution (TorchSharp 0.107's
    /// init.trunc_normal_(w, std: 0.02) left weights with zero spread in our tests).
    /// </summary>
    public static void TruncatedNormal(CodeWriter o, string linear, bool bias = true)
    {
        o.Line($"{linear}.weight!.normal_(0.0, 0.02).clamp_(-2.0, 2.0);");
        if (bias) o.Line($"{TorchNames.Nn}.init.zeros_({linear}.bias!);");
    }

    /// <summary>The same in the PyTorch twin.</summary>
    public static void PythonTruncatedNormal(CodeWriter o, string linear, bool bias = true)
    {
        o.Line($"{linear}.weight.normal_(0.0, 0.02).clamp_(-2.0, 2.0)");
        if (bias) o.Line($"nn.init.zeros_({linear}.bias)");
    }
}

// This file is linked into ViT.Generators (netstandard2.0), where VIT_GENERATOR moves it to ViT.Generators.Shared so
// that a project referencing both assemblies sees one ViT.X. Keep it free of anything but the enum.
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif

/// <summary>How a generated model's constructor initialises its parameters.</summary>
public enum Initialization
{
    /// <summary>
    /// timm's scheme: Linear weights truncated normal (std 0.02, cut at ±2) with zero biases, LayerNorm weight 1 and
    /// bias 0, <c>pos_embed</c> truncated normal std 0.02, <c>cls_token</c> normal std 1e-6; the patch Conv2d keeps
    /// PyTorch's default.
    /// </summary>
    TruncatedNormal = 0,

    /// <summary>
    /// PyTorch's module defaults (Kaiming-uniform Linear and Conv2d, LayerNorm 1/0); <c>cls_token</c> and
    /// <c>pos_embed</c>, which have no module default, are truncated normal std 0.02.
    /// </summary>
    PyTorchDefault = 1,
}

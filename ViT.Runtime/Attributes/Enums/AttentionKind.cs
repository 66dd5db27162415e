// This file is linked into ViT.Generators (netstandard2.0), where VIT_GENERATOR moves it to ViT.Generators.Shared so
// that a project referencing both assemblies sees one ViT.X. Keep it free of anything but the enum.
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif

/// <summary>How an encoder block's multi-head self-attention divides the embedding among heads.</summary>
public enum AttentionKind
{
    /// <summary>timm's standard attention: one fused qkv Linear D→3D, heads of width D/h, scale 1/sqrt(D/h), projection D→D.</summary>
    Split = 0,

    /// <summary>
    /// The attention the tutorial's comments describe: every head has the full width D; q, k, v are Linear D→D·h,
    /// scores over tokens, scale 1/sqrt(D), projection D·h→D.
    /// </summary>
    Wide = 1,

    /// <summary>
    /// What the tutorial's listing computes, with the same parameters as <see cref="Wide"/>: q, k, v are viewed as
    /// [B, N, D, h] (feature index = i·h + head) and transposed to [B, h, D, N], so scores are features × features over
    /// the tokens, scale 1/sqrt(N); the [B, h, D, N] result is transposed to [B, D, h, N] and re-read as [B, N, D·h]
    /// before the projection. Reproduces the tutorial's model, which trains faster on MNIST than <see cref="Wide"/>.
    /// </summary>
    TutorialListing = 2,
}

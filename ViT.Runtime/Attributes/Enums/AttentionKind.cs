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

    /// <summary>The tutorial's attention: every head has the full width D; q, k, v are Linear D→D·h, scale 1/sqrt(D), projection D·h→D.</summary>
    Wide = 1,
}

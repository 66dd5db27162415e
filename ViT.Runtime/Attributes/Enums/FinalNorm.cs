// This file is linked into ViT.Generators (netstandard2.0), where VIT_GENERATOR moves it to ViT.Generators.Shared so
// that a project referencing both assemblies sees one ViT.X. Keep it free of anything but the enum.
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif

/// <summary>What happens to the LayerNorm after the last encoder block (timm's <c>norm</c>).</summary>
public enum FinalNorm
{
    /// <summary>Applied to all tokens before pooling, as timm does.</summary>
    Apply = 0,

    /// <summary>No final norm at all.</summary>
    None = 1,

    /// <summary>Created (its 2·D parameters exist and are counted) but never applied, as in the tutorial.</summary>
    Unused = 2,
}

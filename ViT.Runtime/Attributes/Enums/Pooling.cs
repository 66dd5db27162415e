// This file is linked into ViT.Generators (netstandard2.0), where VIT_GENERATOR moves it to ViT.Generators.Shared so
// that a project referencing both assemblies sees one ViT.X. Keep it free of anything but the enum.
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif

/// <summary>How the classifier head reduces the token sequence [N, D] to one vector [D].</summary>
public enum Pooling
{
    /// <summary>Take the class token (token 0); needs a <c>[ClassToken]</c> before the head.</summary>
    ClassToken = 0,

    /// <summary>Average over all tokens (timm's <c>global_pool='avg'</c>).</summary>
    Mean = 1,
}

// This file is linked into ViT.Generators (netstandard2.0), where VIT_GENERATOR moves it to ViT.Generators.Shared so
// that a project referencing both assemblies sees one ViT.X. Keep it free of anything but the enum.
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif

/// <summary>The activation between the two Linear layers of an encoder block's MLP.</summary>
public enum Activation
{
    /// <summary>Exact (erf) GELU, as in timm's ViT.</summary>
    GELU = 0,

    /// <summary>ReLU, as in the tutorial.</summary>
    ReLU = 1,
}

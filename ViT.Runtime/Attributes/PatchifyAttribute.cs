// Linked into ViT.Generators, where VIT_GENERATOR moves it to ViT.Generators.Shared: the generator reads the names
// and defaults of the attribute from this one file (see Enums/Activation.cs).
using System;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif

/// <summary>
/// Cuts the image into non-overlapping <paramref name="patch"/> × <paramref name="patch"/> patches and embeds each in
/// <paramref name="dim"/> features (timm's <c>patch_embed.proj</c>, a Conv2d with kernel = stride = patch).
/// <c>[C, H, W]</c> → <c>[N, D]</c> with N = (H/p)(W/p). The patch must divide H and W.
/// </summary>
/// <param name="patch">Patch side in pixels.</param>
/// <param name="dim">Embedding width D; 100 (the tutorial's) when left out.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class PatchifyAttribute(int patch, int dim = PatchifyAttribute.DefaultDim) : LayerAttributeBase
{
    /// <summary>The embedding width used when <c>dim</c> is left out.</summary>
    public const int DefaultDim = 100;

    /// <summary>Patch side in pixels.</summary>
    public int Patch { get; } = patch;

    /// <summary>Embedding width D.</summary>
    public int Dim { get; } = dim;
}

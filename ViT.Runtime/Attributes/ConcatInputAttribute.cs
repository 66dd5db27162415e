// Linked into ViT.Generators, where VIT_GENERATOR moves it to ViT.Generators.Shared: the generator reads the names
// and defaults of the attribute from this one file (see Enums/Activation.cs).
using System;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif

/// <summary>
/// Dense connectivity inside a block: the block's input followed by what its layers made of it, concatenated along the
/// channels (images) or features (tokens, vectors): <c>[C, H, W]</c> and <c>[G, H, W]</c> give <c>[C + G, H, W]</c>, as
/// DenseNet's dense layers do.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ConcatInputAttribute : LayerAttributeBase
{
}

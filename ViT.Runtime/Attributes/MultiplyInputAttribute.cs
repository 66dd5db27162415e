// Linked into ViT.Generators, where VIT_GENERATOR moves it to ViT.Generators.Shared: the generator reads the names
// and defaults of the attribute from this one file (see Enums/Activation.cs).
using System;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif

/// <summary>
/// A gate inside a block: multiplies the block's input by what its layers computed from it, <c>input * x</c>, with
/// <c>x</c> of shape <c>[C, 1, 1]</c> or <c>[C]</c> broadcast over an image <c>[C, H, W]</c> (squeeze-excitation), or of
/// the input's own shape. Gives the input's shape.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MultiplyInputAttribute : LayerAttributeBase
{
}

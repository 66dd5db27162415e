// Linked into ViT.Generators, where VIT_GENERATOR moves it to ViT.Generators.Shared: the generator reads the names
// and defaults of the attribute from this one file (see Enums/Activation.cs).
using System;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif
/// <summary>Flattens everything but the batch (PyTorch's <c>nn.Flatten</c>): <c>[C, H, W]</c> → <c>[C·H·W]</c>, <c>[N, D]</c> → <c>[N·D]</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FlattenAttribute : LayerAttributeBase
{
}

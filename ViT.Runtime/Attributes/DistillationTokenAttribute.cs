// Linked into ViT.Generators, where VIT_GENERATOR moves it to ViT.Generators.Shared: the generator reads the names
// and defaults of the attribute from this one file (see Enums/Activation.cs).
using System;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif

/// <summary>
/// DeiT's distillation token (timm's <c>dist_token</c>): a learned token placed after the class token,
/// <c>[N, D]</c> → <c>[N+1, D]</c>; <c>[ClassifierHead(classes, Distilled = true)]</c> classifies from both.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DistillationTokenAttribute : LayerAttributeBase
{
}

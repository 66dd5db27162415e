// Linked into ViT.Generators, where VIT_GENERATOR moves it to ViT.Generators.Shared: the generator reads the names
// and defaults of the attribute from this one file (see Enums/Activation.cs).
using System;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif

/// <summary>
/// Pools the tokens and classifies (timm's <c>head</c>, a Linear D→classes): <c>[N, D]</c> → <c>[classes]</c>.
/// Pooling by class token, the default, needs a <c>[ClassToken]</c> earlier.
/// </summary>
/// <param name="classes">Number of classes.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ClassifierHeadAttribute(int classes) : LayerAttributeBase
{
    /// <summary>Number of classes.</summary>
    public int Classes { get; } = classes;

    /// <summary>How tokens are reduced to one vector; the class token by default.</summary>
    public Pooling Pool { get; set; } = Pooling.ClassToken;

    /// <summary>
    /// DeiT's two heads: <c>head</c> on the class token and <c>head_dist</c> on the <c>[DistillationToken]</c>, their
    /// logits averaged (as timm does outside distillation training); false by default.
    /// </summary>
    public bool Distilled { get; set; }
}

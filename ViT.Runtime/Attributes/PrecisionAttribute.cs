// Linked into ViT.Generators, where VIT_GENERATOR moves it to ViT.Generators.Shared: the generator reads the names
// and defaults of the attribute from this one file (see Enums/Activation.cs).
using System;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif
/// <summary>
/// Chooses the precision a model computes in (not a layer). Without it a model computes in
/// <see cref="Precision.Float32"/>; an instance's <c>Precision</c> property changes it later, for example to compare.
/// </summary>
/// <param name="precision">The precision.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class PrecisionAttribute(Precision precision) : Attribute
{
    /// <summary>The precision.</summary>
    public Precision Precision { get; } = precision;
}

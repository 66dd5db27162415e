// Linked into ViT.Generators, where VIT_GENERATOR moves it to ViT.Generators.Shared: the generator reads the names
// and defaults of the attribute from this one file (see Enums/Activation.cs).
using System;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif
/// <summary>
/// Uses another ViT# model as a layer: its declared <c>[Input]</c> must equal the incoming shape, and its output is
/// passed on. Its weights sit under this layer's name in the state dict.
/// </summary>
/// <param name="model">A class declared with ViT# layer attributes.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LayerAttribute(Type model) : Attribute
{
    /// <summary>The model used as a layer.</summary>
    public Type Model { get; } = model;
}

// Linked into ViT.Generators, where VIT_GENERATOR moves it to ViT.Generators.Shared: the generator reads the names
// and defaults of the attribute from this one file (see Enums/Activation.cs).
using System;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif
/// <summary>
/// Uses another ViT# model or a <c>[Block]</c> as a layer, and passes its output on. A model's declared <c>[Input]</c>
/// must equal the incoming shape; a block fits what arrives and is checked against it here. Its weights sit under this
/// layer's name in the state dict (or, with <see cref="Inline"/>, under their own names, as if written here).
/// </summary>
/// <param name="model">A class declared with ViT# layer attributes.</param>
/// <param name="arguments">Values for the used class's constants, as C# arguments by position or name: <c>"64, Stride: 2"</c>; they may use this class's constants and <see cref="In"/>.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LayerAttribute(Type model, string? arguments = null) : LayerAttributeBase
{
    /// <summary>The model used as a layer.</summary>
    public Type Model { get; } = model;

    /// <summary>Values for the used class's constants.</summary>
    public string? Arguments { get; } = arguments;

    /// <summary>
    /// Whether the used class's layers become this class's own, with their own names and positions (as if written
    /// here), instead of one layer holding them: a zoo backbone with a new head keeps the reference's names.
    /// </summary>
    public bool Inline { get; set; }
}

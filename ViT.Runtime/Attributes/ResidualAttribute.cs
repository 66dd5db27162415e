// Linked into ViT.Generators, where VIT_GENERATOR moves it to ViT.Generators.Shared: the generator reads the names
// and defaults of the attribute from this one file (see Enums/Activation.cs).
using System;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif
/// <summary>
/// A residual connection around another ViT# model: <c>x + block(x)</c>. The block's declared <c>[Input]</c> must equal
/// the incoming shape, and it must map that shape to itself.
/// </summary>
/// <param name="block">A class declared with ViT# layer attributes.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ResidualAttribute(Type block) : Attribute
{
    /// <summary>The block added to its own input.</summary>
    public Type Block { get; } = block;
}

// Linked into ViT.Generators, where VIT_GENERATOR moves it to ViT.Generators.Shared: the generator reads the names
// and defaults of the attribute from this one file (see Enums/Activation.cs).
using System;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif
/// <summary>
/// A residual connection around another ViT# model or <c>[Block]</c>: <c>x + block(x)</c>. A model's declared
/// <c>[Input]</c> must equal the incoming shape; either must map that shape to itself. (Inside a block,
/// <c>[AddInput]</c> adds the block's input, with a shortcut where the shapes differ.)
/// </summary>
/// <param name="block">A class declared with ViT# layer attributes.</param>
/// <param name="arguments">Values for the block's constants, as C# arguments: <c>"Width: 64"</c>.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ResidualAttribute(Type block, string? arguments = null) : LayerAttributeBase
{
    /// <summary>The block added to its own input.</summary>
    public Type Block { get; } = block;

    /// <summary>Values for the block's constants.</summary>
    public string? Arguments { get; } = arguments;

    /// <summary>Stochastic depth: while training, drops the block's output for a random fraction of the samples (timm's drop path); 0 by default.</summary>
    public double DropPath { get; set; }
}

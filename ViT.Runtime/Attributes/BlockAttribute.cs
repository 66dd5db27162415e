// Linked into ViT.Generators, where VIT_GENERATOR moves it to ViT.Generators.Shared: the generator reads the names
// and defaults of the attribute from this one file (see Enums/Activation.cs).
using System;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif

/// <summary>
/// Declares a block: layers without an <c>[Input]</c>, which fit wherever they are used. Each use
/// (<c>[Layer(typeof(B))]</c>, <c>[Repeat]</c>, <c>[Residual]</c>, a shortcut) checks the block against the shape that
/// arrives there, and may give the block's constants other values: <c>[Layer(typeof(Bottleneck), "Width: 128, Stride: 2")]</c>.
/// The block's constants (<c>const int Width = 64;</c>) are its parameters, with their declared values as defaults, and
/// <see cref="In"/> names the incoming shape. One <c>Bottleneck</c> serves every stage of a ResNet, as in torchvision.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class BlockAttribute : Attribute
{
}

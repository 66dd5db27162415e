// Linked into ViT.Generators, where VIT_GENERATOR moves it to ViT.Generators.Shared: the generator reads the names
// and defaults of the attribute from this one file (see Enums/Activation.cs).
using System;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif

/// <summary>
/// The residual connection inside a block: adds the block's input to what its layers made of it, <c>x + input</c>.
/// Where the shapes differ, the input goes through <paramref name="shortcut"/> first (torchvision's <c>downsample</c>,
/// a projection such as a 1x1 convolution and a batch norm); where they agree, the input is added as it is.
/// <see cref="LayerAttributeBase.Name"/> names the shortcut's weights (<c>"downsample"</c>).
/// </summary>
/// <param name="shortcut">A block for the skip path where the shapes differ; none for identity only.</param>
/// <param name="arguments">The shortcut's constants, as C# arguments: <c>"Width * 4, Stride"</c>.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AddInputAttribute(Type? shortcut = null, string? arguments = null) : LayerAttributeBase
{
    /// <summary>The skip path's block where the shapes differ.</summary>
    public Type? Shortcut { get; } = shortcut;

    /// <summary>The shortcut's constants.</summary>
    public string? Arguments { get; } = arguments;

    /// <summary>Stochastic depth: while training, drops the block's branch for a random fraction of the samples (timm's drop path, torchvision's <c>StochasticDepth(p, "row")</c>); 0 by default.</summary>
    public double DropPath { get; set; }
}

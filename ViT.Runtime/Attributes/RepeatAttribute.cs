// Linked into ViT.Generators, where VIT_GENERATOR moves it to ViT.Generators.Shared: the generator reads the names
// and defaults of the attribute from this one file (see Enums/Activation.cs).
using System;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif

/// <summary>
/// The block used <paramref name="count"/> times in a row, as torchvision's <c>_make_layer</c>: with a <see cref="LayerAttributeBase.Name"/>
/// the uses form one <c>nn.Sequential</c> of that name (<c>layer1.0</c>, <c>layer1.1</c>, ...); without one they take
/// the next positions of this model, as <c>features.append(...)</c> in a loop does.
/// </summary>
/// <param name="count">How many uses.</param>
/// <param name="block">A <c>[Block]</c> class (or a model whose <c>[Input]</c> is what arrives).</param>
/// <param name="arguments">The block's constants for every use, as C# arguments: <c>"Width: 64"</c>.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RepeatAttribute(int count, Type block, string? arguments = null) : LayerAttributeBase
{
    /// <summary>How many uses.</summary>
    public int Count { get; } = count;

    /// <summary>The block used.</summary>
    public Type Block { get; } = block;

    /// <summary>The block's constants for every use.</summary>
    public string? Arguments { get; } = arguments;

    /// <summary>Constants that differ for the first use only, over <see cref="Arguments"/>: <c>"Stride: 2"</c> (torchvision's first block of a stage).</summary>
    public string? First { get; set; }

    /// <summary>
    /// The first use's name inside the group; a trailing number counts up: <c>"denselayer1"</c> names them denselayer1,
    /// denselayer2, ... (torchvision's DenseNet), <c>"block1-0"</c> block1-0, block1-1, ... (RegNet). <c>"0"</c> by default.
    /// </summary>
    public string FirstItemName { get; set; } = "0";
}

// Linked into ViT.Generators, where VIT_GENERATOR moves it to ViT.Generators.Shared: the generator reads the names
// and defaults of the attribute from this one file (see Enums/Activation.cs).
using System;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif
/// <summary>
/// The first layer of a model: what one sample looks like, the batch dimension implied. Images are
/// <c>[C, H, W]</c> (a model the trainer feeds); a model used as a layer of another may also take tokens
/// <c>[N, D]</c> or a vector <c>[F]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    /// <summary>Images of <paramref name="channels"/> × <paramref name="height"/> × <paramref name="width"/>: <c>[C, H, W]</c>.</summary>
    /// <param name="channels">Image channels, for example 1 for MNIST.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="width">Image width in pixels.</param>
    public InputAttribute(int channels, int height, int width) => Shape = new[] { channels, height, width };

    /// <summary>A sequence of <paramref name="tokens"/> tokens of width <paramref name="dim"/>: <c>[N, D]</c>.</summary>
    /// <param name="tokens">Number of tokens N.</param>
    /// <param name="dim">Token width D.</param>
    public InputAttribute(int tokens, int dim) => Shape = new[] { tokens, dim };

    /// <summary>A vector of <paramref name="features"/> features: <c>[F]</c>.</summary>
    /// <param name="features">Number of features F.</param>
    public InputAttribute(int features) => Shape = new[] { features };

    /// <summary>The declared shape without the batch dimension.</summary>
    public int[] Shape { get; }
}

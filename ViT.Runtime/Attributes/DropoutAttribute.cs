// Linked into ViT.Generators, where VIT_GENERATOR moves it to ViT.Generators.Shared: the generator reads the names
// and defaults of the attribute from this one file (see Enums/Activation.cs).
using System;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif
/// <summary>Zeroes each element with probability <paramref name="rate"/> while training (PyTorch's <c>nn.Dropout</c>), for any shape.</summary>
/// <param name="rate">The probability, in [0, 1).</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DropoutAttribute(double rate) : LayerAttributeBase
{
    /// <summary>The probability, in [0, 1).</summary>
    public double Rate { get; } = rate;
}

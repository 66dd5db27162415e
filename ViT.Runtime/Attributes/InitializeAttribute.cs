// Linked into ViT.Generators, where VIT_GENERATOR moves it to ViT.Generators.Shared: the generator reads the names
// and defaults of the attribute from this one file (see Enums/Activation.cs).
using System;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif

/// <summary>
/// Chooses how the generated constructor initialises the model's parameters (not a layer).
/// Without it a model uses <see cref="Initialization.TruncatedNormal"/>, timm's scheme.
/// The constructor draws from TorchSharp's global generator: call <c>torch.manual_seed</c> first for repeatable weights.
/// </summary>
/// <param name="scheme">The initialisation scheme.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class InitializeAttribute(Initialization scheme) : Attribute
{
    /// <summary>The initialisation scheme.</summary>
    public Initialization Scheme { get; } = scheme;
}

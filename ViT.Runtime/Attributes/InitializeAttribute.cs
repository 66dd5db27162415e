namespace ViT;

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

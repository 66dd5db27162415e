namespace ViT.Generators.Tests.Soundness;

/// <summary>A refusal by the builder itself (not by TorchSharp), with who refused and why.</summary>
internal sealed class BuildFailure(FailureKind kind, string message) : Exception(message)
{
    public FailureKind Kind { get; } = kind;
}

namespace ViT.Generators.Tests.Soundness;

/// <summary>What happened when <see cref="IndependentBuilder"/> built and ran a model.</summary>
internal enum BuildOutcome
{
    /// <summary>Every layer ran and a batch came out.</summary>
    Ran,

    /// <summary>Construction or the forward pass failed (<see cref="FailureKind"/> says who refused it).</summary>
    Failed,

    /// <summary>Too large to run in a unit test on this machine; neither ran nor failed.</summary>
    Skipped,
}

namespace ViT.Generators.Tests.Soundness;

/// <summary>How the analyzer's verdict on a model group compares with what torch did with it.</summary>
internal enum JudgementKind
{
    /// <summary>Accepted, and ran with the shapes the analyzer inferred after every layer.</summary>
    AcceptedRan,

    /// <summary>Accepted, but failed to build or run: unsound.</summary>
    AcceptedFailed,

    /// <summary>Accepted and ran, but some layer's output shape differs from the inferred one: unsound.</summary>
    AcceptedOtherShape,

    /// <summary>Rejected, and failed to build or run.</summary>
    RejectedFailed,

    /// <summary>Rejected although it runs, by design rules that the builder saw apply (<see cref="DesignRules"/>).</summary>
    RejectedByDesign,

    /// <summary>Rejected although it runs, by a known analyzer bug (<see cref="DesignRules.KnownFalseRejections"/>): reported apart.</summary>
    RejectedKnownFalse,

    /// <summary>Rejected although it runs, for no design reason: unsound.</summary>
    RejectedRan,

    /// <summary>Too large to run here.</summary>
    Skipped,
}

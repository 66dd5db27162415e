namespace ViT.Generators.Tests.Fuzzing;

/// <summary>What running one fuzz case found.</summary>
/// <param name="Index">The case's number.</param>
/// <param name="ModelsEmitted">How many models the generator wrote.</param>
/// <param name="Explanations">How many invalid models it wrote the doc comment for that says why they have no code.</param>
/// <param name="Exceptions">Crashes: a thrown exception, CS8785, AD0001 or VIT9999.</param>
/// <param name="CodeErrors">Errors (or warnings) inside a generated file, or new errors anywhere when the user's code compiled on its own.</param>
/// <param name="Disagreements">Models the generator wrote although the analyzer reports an error on them, skipped though it reports none, or wrote as another type than the user's.</param>
/// <param name="BadFacts">Negative or zero numbers among the compile-time facts of a generated model.</param>
/// <param name="AnalysisTime">Time spent inside the analyzers for this case.</param>
internal sealed record CaseOutcome(
    int Index,
    int ModelsEmitted,
    int Explanations,
    IReadOnlyList<string> Exceptions,
    IReadOnlyList<string> CodeErrors,
    IReadOnlyList<string> Disagreements,
    IReadOnlyList<string> BadFacts,
    TimeSpan AnalysisTime)
{
    public bool Failed => Exceptions.Count + CodeErrors.Count + Disagreements.Count + BadFacts.Count > 0;

    public IEnumerable<string> Problems => Exceptions.Concat(CodeErrors).Concat(Disagreements).Concat(BadFacts);
}

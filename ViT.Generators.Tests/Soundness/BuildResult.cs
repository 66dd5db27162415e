namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// What <see cref="IndependentBuilder"/> made of a model group: the outcome, who refused it (when it failed) and why,
/// the shape after every layer of each class it ran (without the batch, the first entry being the input), and what it
/// observed torch accept that the layer algebra refuses by design (<see cref="Observation"/>), per class.
/// </summary>
internal sealed record BuildResult(
    BuildOutcome Outcome,
    FailureKind? Failure,
    string Detail,
    IReadOnlyDictionary<string, IReadOnlyList<long[]>> Trails,
    IReadOnlySet<(string Class, string Observation)> Observations)
{
    public bool Ran => Outcome == BuildOutcome.Ran;

    public bool Observed(string model, string observation) => Observations.Contains((model, observation));
}

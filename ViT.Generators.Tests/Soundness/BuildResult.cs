namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// What <see cref="IndependentBuilder"/> made of a model group: the outcome, who refused it (when it failed) and why,
/// the shape after every layer of the model and of every class used inside it (<see cref="Trail"/>: <c>3/1 [8, 4, 4]</c>
/// is step 1 of the class used by step 3, without the batch; a model's step 0 is its input), the state-dict keys its
/// weights would be saved under, what it observed torch accept that the layer algebra refuses by design
/// (<see cref="Observation"/>, per class), and the constructs it reached (<see cref="Construct"/>).
/// </summary>
internal sealed record BuildResult(
    BuildOutcome Outcome,
    FailureKind? Failure,
    string Detail,
    IReadOnlyList<string> Trail,
    IReadOnlyList<string> StateKeys,
    IReadOnlySet<(string Class, string Observation)> Observations,
    IReadOnlySet<string> Constructs)
{
    public bool Ran => Outcome == BuildOutcome.Ran;

    /// <summary>Whether <paramref name="observation"/> was made in one of <paramref name="classes"/>.</summary>
    public bool Observed(IEnumerable<string> classes, string observation) => classes.Any(c => Observations.Contains((c, observation)));
}

using System.Globalization;

namespace ViT.Generators.Tests.Fuzzing;

/// <summary>The counts of a fuzz run: cases, accepted models, each kind of failure (with the first few cases that show it), and analysis times.</summary>
internal sealed class FuzzTally
{
    /// <summary>The first cases kept of each kind of failure, for the report.</summary>
    const int KeptFailures = 2;

    readonly List<double> times = new();
    readonly Dictionary<string, List<(CaseOutcome Outcome, FuzzCase Case)>> failures = new(StringComparer.Ordinal);
    readonly List<string> failedCases = [];

    /// <summary>The constructs counted per case, as the source shows them (a name, and the texts that mark it).</summary>
    public static readonly (string Name, string[] Texts)[] Constructs =
    [
        ("[Block]", ["Block]", "Block, "]), ("[Repeat]", ["Repeat"]), ("[AddInput]", ["AddInput"]), ("a projection shortcut", ["AddInput(typeof"]), ("[MultiplyInput]", ["MultiplyInput"]),
        ("[ConcatInput]", ["ConcatInput"]), ("[AdaptiveAvgPool2d]", ["AdaptiveAvgPool2d"]), ("[LayerScale]", ["LayerScale"]), ("[DistillationToken]", ["DistillationToken"]),
        ("[RegisterTokens]", ["RegisterTokens"]), ("PerPixel", ["PerPixel"]), ("Name", ["Name = "]), ("When", ["When = "]), ("Inline", ["Inline = "]), ("In", ["In."]),
        ("use values", ["), \""]), ("GELUTanh", ["GELUTanh"]), ("Hardswish", ["Hardswish"]),
    ];

    readonly int[] constructCases = new int[Constructs.Length];
    readonly int[] constructAccepted = new int[Constructs.Length];

    public int Cases { get; private set; }

    /// <summary>Cases in which the generator wrote at least one model.</summary>
    public int Accepted { get; private set; }

    public int ModelsEmitted { get; private set; }

    /// <summary>Invalid models the generator wrote the explaining doc comment for.</summary>
    public int Explanations { get; private set; }

    public int Exceptions { get; private set; }

    public int CodeErrors { get; private set; }

    public int Disagreements { get; private set; }

    public int BadFacts { get; private set; }

    public int Failed { get; private set; }

    public double SlowestMilliseconds => times.Count == 0 ? 0 : times.Max();

    public int SlowestCase { get; private set; } = -1;

    public double MedianMilliseconds => Quantile(0.5);

    /// <summary>The analysis time that a fraction <paramref name="q"/> of the cases stay within.</summary>
    public double Quantile(double q) => times.Count == 0 ? 0 : times.Order().ElementAt((int)Math.Min(times.Count - 1, Math.Floor(q * times.Count)));

    public void Add(FuzzCase fuzzCase, CaseOutcome outcome)
    {
        Cases++;
        if (outcome.ModelsEmitted > 0) Accepted++;
        for (int i = 0; i < Constructs.Length; i++)
        {
            if (!fuzzCase.Sources.Any(s => Constructs[i].Texts.Any(t => s.Contains(t, StringComparison.Ordinal)))) continue;
            constructCases[i]++;
            if (outcome.ModelsEmitted > 0) constructAccepted[i]++;
        }

        ModelsEmitted += outcome.ModelsEmitted;
        Explanations += outcome.Explanations;
        if (outcome.Exceptions.Count > 0) Exceptions++;
        if (outcome.CodeErrors.Count > 0) CodeErrors++;
        if (outcome.Disagreements.Count > 0) Disagreements++;
        if (outcome.BadFacts.Count > 0) BadFacts++;
        double ms = outcome.AnalysisTime.TotalMilliseconds;
        if (ms > SlowestMilliseconds) SlowestCase = outcome.Index;
        times.Add(ms);
        if (!outcome.Failed) return;
        Failed++;
        failedCases.Add($"case {outcome.Index}: {outcome.Problems.First().Split('\n')[0]}");
        foreach (var (kind, problems) in new[] { ("exception", outcome.Exceptions), ("generated-code error", outcome.CodeErrors), ("disagreement", outcome.Disagreements), ("impossible fact", outcome.BadFacts) })
        {
            if (problems.Count == 0) continue;
            if (!failures.TryGetValue(kind, out var kept)) failures[kind] = kept = new();
            if (kept.Count < KeptFailures) kept.Add((outcome, fuzzCase));
        }
    }

    /// <summary>One paragraph of counts, as the fuzz command prints them.</summary>
    public string Summary(int seed, TimeSpan elapsed, TimeSpan processor) => string.Format(
        CultureInfo.InvariantCulture,
        "fuzz seed {0}: {1:N0} cases generated, {2:N0} accepted ({3:N0} models emitted, {14:N0} invalid ones explained), {4:N0} with exceptions, {5:N0} with generated-code errors, "
        + "{6:N0} generator/analyzer disagreements, {7:N0} with impossible facts; analysis time per case: median {8:0.00} ms, 99th percentile {9:0.0} ms, "
        + "slowest {10:0.0} ms (case {11}); run time {12:0.0} s ({13:0.0} s of processor time)",
        seed, Cases, Accepted, ModelsEmitted, Exceptions, CodeErrors, Disagreements, BadFacts, MedianMilliseconds, Quantile(0.99), SlowestMilliseconds, SlowestCase, elapsed.TotalSeconds, processor.TotalSeconds, Explanations);

    /// <summary>The cases that show construct <paramref name="index"/> of <see cref="Constructs"/> and reached the emitter.</summary>
    public int AcceptedWith(int index) => constructAccepted[index];

    /// <summary>Each construct with the cases that show it and, of those, the ones that reached the emitter.</summary>
    public string ConstructCounts() => "constructs (cases / reaching the emitter): "
        + string.Join(", ", Constructs.Select((c, i) => $"{c.Name} {constructCases[i]}/{constructAccepted[i]}"));

    /// <summary>The first failing cases of each kind, each with its problems and its source, for the assertion message.</summary>
    public string FailureReport() => string.Join(
        "\n\n",
        failures.SelectMany(f => f.Value.Select(c => $"{f.Key}: " + string.Join("\n", c.Outcome.Problems.Take(5)) + "\n" + c.Case)))
        + "\n\nEvery failing case (VIT_FUZZ_REPLAY=N,M runs them again):\n" + string.Join("\n", failedCases);
}

using System.Text;
using Xunit.Abstractions;

namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// The analyzer against the runtime: seeded random model groups that mix every layer kind (<see cref="RandomModels"/>).
/// Every class is analyzed; every group is then built and run through TorchSharp by <see cref="IndependentBuilder"/>.
/// Accepted models must run, with the inferred shape after every layer. Rejected models must fail, except under the
/// design rules (<see cref="DesignRules"/>), which are counted one by one.
/// </summary>
[Collection(RandomModelsCollection.Name)]
public sealed class SoundnessTests(RandomModelsFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public void Accepted_models_run_and_rejected_models_fail_with_shape_errors()
    {
        var groups = fixture.Groups;
        var verdicts = fixture.Verdicts;
        var results = fixture.Results;
        var ((analyzed, analyzedCpu), (ran, ranCpu)) = (fixture.AnalysisTime, fixture.RunTime);
        var judgements = groups.Select((g, i) => Judgement.Of(g, verdicts, results[i])).ToList();
        var constructs = groups.Select((g, i) => Constructs.Of(g, results[i])).ToList();

        int Count(JudgementKind kind) => judgements.Count(j => j.Kind == kind);
        int accepted = Count(JudgementKind.AcceptedRan) + Count(JudgementKind.AcceptedFailed) + Count(JudgementKind.AcceptedOtherShape);
        int rejected = Count(JudgementKind.RejectedFailed) + Count(JudgementKind.RejectedByDesign) + Count(JudgementKind.RejectedKnownFalse) + Count(JudgementKind.RejectedRan);
        var failures = results.Where((r, i) => judgements[i].Kind == JudgementKind.RejectedFailed).GroupBy(r => r.Failure).OrderByDescending(g => g.Count());
        var rules = judgements.Where(j => j.Kind == JudgementKind.RejectedByDesign).SelectMany(j => j.Rules.Distinct()).GroupBy(r => r).OrderBy(g => g.Key.Id);
        var byId = groups.Select(g => g.Reachable().SelectMany(c => verdicts[c.Name].Errors).FirstOrDefault()).Zip(judgements)
            .Where(p => p.First is not null).GroupBy(p => p.First!).OrderBy(g => g.Key)
            .Select(g => $"{g.Key} {g.Count()}/{g.Count(p => p.Second.Kind == JudgementKind.RejectedByDesign)}");
        var unsound = judgements.Where(j => j.IsUnsound).ToList();

        var report = new StringBuilder()
            .AppendLine($"models {groups.Count} (seed {RandomModelsFixture.Seed}): {groups.Sum(g => g.Classes.Count)} classes; {groups.Count(Composes)} compose other models, {results.Count(r => r.Failure == FailureKind.Cycle)} of them through a cycle")
            .AppendLine($"inputs: images {Inputs(groups, 3)}, tokens {Inputs(groups, 2)}, vectors {Inputs(groups, 1)}, other {groups.Count - Inputs(groups, 3) - Inputs(groups, 2) - Inputs(groups, 1)}")
            .AppendLine("layers (groups accepted that ran with the inferred shapes / rejected that failed or ran by design): " + string.Join(", ", Counts(constructs, judgements, Constructs.Kinds.Select(k => (k, 10)))))
            .AppendLine("constructs (the same counts): " + string.Join(", ", Counts(constructs, judgements, Constructs.Reported)))
            .AppendLine($"accepted {accepted}: ran with the inferred shapes {Count(JudgementKind.AcceptedRan)}, failed {Count(JudgementKind.AcceptedFailed)}, ran with other shapes {Count(JudgementKind.AcceptedOtherShape)}")
            .AppendLine($"rejected {rejected}: failed to build or run {Count(JudgementKind.RejectedFailed)} ({string.Join(", ", failures.Select(f => $"{f.Key} {f.Count()}"))}), ran but rejected by a design rule {Count(JudgementKind.RejectedByDesign)}, ran but rejected by a known analyzer bug {Count(JudgementKind.RejectedKnownFalse)}, ran otherwise {Count(JudgementKind.RejectedRan)}")
            .AppendLine("design rules that excused a model that ran: " + string.Join("; ", rules.Select(g => $"{g.Key} {g.Count()}")))
            .AppendLine("rejected by first ID (rejected / of which ran by design): " + string.Join("; ", byId))
            .AppendLine($"skipped (too large to run here) {Count(JudgementKind.Skipped)}")
            .AppendLine($"time: analysis {analyzed.TotalSeconds:0.0} s ({analyzedCpu.TotalSeconds:0.0} s of CPU), building and running {ran.TotalSeconds:0.0} s ({ranCpu.TotalSeconds:0.0} s of CPU, the process's, other tests included)");
        foreach (var judgement in judgements.Where(j => j.Kind == JudgementKind.RejectedKnownFalse)) report.AppendLine("KNOWN FALSE REJECTION: " + judgement.Detail);
        foreach (string scarce in Counts(constructs, judgements, Constructs.Kinds.Select(k => (k, 10)).Concat(Constructs.Reported)).Where(c => c.EndsWith("too few", StringComparison.Ordinal)))
        {
            // what became of the groups that use a construct too rarely accepted or rejected, to see why
            string name = scarce[..scarce.LastIndexOf(' ', scarce.Length - "too few".Length - 2)];
            foreach (var example in judgements.Where((j, i) => constructs[i].Contains(name)).Take(3)) report.AppendLine($"  {name}: {example.Kind}: {example.Detail}");
        }

        foreach (var judgement in unsound.Take(40)) report.AppendLine("UNSOUND " + judgement.Kind + ": " + judgement.Detail);
        output.WriteLine(report.ToString());
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "soundness-report.txt"), report.ToString());

        Assert.True(Count(JudgementKind.AcceptedRan) >= 500 && Count(JudgementKind.RejectedFailed) >= 500, report.ToString());
        Assert.True(groups.Count(Composes) >= 200 && results.Count(r => r.Failure == FailureKind.Cycle) >= 10, report.ToString());
        Assert.All(Counts(constructs, judgements, Constructs.Kinds.Select(k => (k, 10)).Concat(Constructs.Reported)), count => Assert.DoesNotContain("too few", count, StringComparison.Ordinal));
        Assert.Empty(unsound);
    }

    /// <summary>
    /// The generator and the analyzer share one core: model code is generated for exactly the classes the analyzer
    /// accepts (a rejected one gets a doc comment naming its errors and members that throw, so its uses compile), and
    /// the other half of exactly the blocks it finds nothing wrong with on their own.
    /// </summary>
    [Fact]
    public void Generator_emits_exactly_the_models_the_analyzer_accepts()
    {
        var classes = fixture.Groups.SelectMany(g => g.Classes).ToList();
        var (result, _, diagnostics) = GeneratorHarness.Run(classes.Select(c => c.ToSource()).ToArray());
        var generated = result.GeneratedTrees.Where(t => IsBuilt(t.ToString())).Select(t => Path.GetFileName(t.FilePath)).ToHashSet();
        Assert.DoesNotContain(diagnostics, d => d.Id == "VIT9999");
        var disagreements = classes
            .Where(c => generated.Contains($"Soundness.{c.Name}.g.cs") != (fixture.Verdicts[c.Name].Errors.Count == 0))
            .Select(c => c.ToString())
            .ToList();
        Assert.Empty(disagreements);
        Assert.Equal(classes.Count(c => fixture.Verdicts[c.Name].Errors.Count == 0), generated.Count);
    }

    /// <summary>A model's forward that is not the throwing stand-in of a model with errors, or a valid block's marker.</summary>
    static bool IsBuilt(string generated) =>
        (generated.Contains(" forward(", StringComparison.Ordinal) && !generated.Contains("was not built", StringComparison.Ordinal))
        || generated.Contains("global::ViT.IGeneratedBlock", StringComparison.Ordinal);

    static bool Composes(ModelGroup group) => group.Classes.Count > 1 || group.Outer.Layers.Any(l => l.Kind is "Layer" or "Residual");

    static int Inputs(List<ModelGroup> groups, int rank) =>
        groups.Count(g => g.Outer.Layers.FirstOrDefault() is { Kind: "Input" } input && input.Arguments.Count == rank);

    /// <summary>
    /// Each construct with the number of groups that use it and were accepted and ran with the inferred shapes, and
    /// that were rejected and failed (or ran, excused by a design rule); "too few" where either is under its minimum.
    /// </summary>
    static IEnumerable<string> Counts(List<HashSet<string>> constructs, List<Judgement> judgements, IEnumerable<(string Name, int Min)> reported)
    {
        foreach (var (name, min) in reported)
        {
            int accepted = constructs.Where((c, i) => judgements[i].Kind == JudgementKind.AcceptedRan && c.Contains(name)).Count();
            int failed = constructs.Where((c, i) => judgements[i].Kind == JudgementKind.RejectedFailed && c.Contains(name)).Count();
            int byDesign = constructs.Where((c, i) => judgements[i].Kind == JudgementKind.RejectedByDesign && c.Contains(name)).Count();
            yield return $"{name} {accepted}/{failed}" + (byDesign > 0 ? $"+{byDesign}" : "") + (accepted < min || failed + byDesign < min ? " too few" : "");
        }
    }
}

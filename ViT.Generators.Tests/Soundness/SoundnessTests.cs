using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// The analyzer against the runtime: seeded random model groups that mix every layer kind (<see cref="RandomModels"/>).
/// Every class is analyzed; every group is then built and run through TorchSharp by <see cref="IndependentBuilder"/>.
/// Accepted models must run, with the inferred shape after every layer. Rejected models must fail, except under the
/// design rules (<see cref="DesignRules"/>), which are counted one by one.
/// </summary>
public sealed class SoundnessTests(RandomModelsFixture fixture, ITestOutputHelper output) : IClassFixture<RandomModelsFixture>
{
    [Fact]
    public void Accepted_models_run_and_rejected_models_fail_with_shape_errors()
    {
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var groups = fixture.Groups;
        var verdicts = fixture.Verdicts;
        var (analyzed, analyzedCpu) = (clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
        var results = IndependentBuilder.BuildAndRun(groups);
        var judgements = groups.Select((g, i) => Judgement.Of(g, verdicts, results[i])).ToList();
        var (ran, ranCpu) = (clock.Elapsed - analyzed, Process.GetCurrentProcess().TotalProcessorTime - cpu - analyzedCpu);

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
            .AppendLine("layers (in accepted / rejected groups): " + string.Join(", ", Kinds(groups, judgements)))
            .AppendLine($"accepted {accepted}: ran with the inferred shapes {Count(JudgementKind.AcceptedRan)}, failed {Count(JudgementKind.AcceptedFailed)}, ran with other shapes {Count(JudgementKind.AcceptedOtherShape)}")
            .AppendLine($"rejected {rejected}: failed to build or run {Count(JudgementKind.RejectedFailed)} ({string.Join(", ", failures.Select(f => $"{f.Key} {f.Count()}"))}), ran but rejected by a design rule {Count(JudgementKind.RejectedByDesign)}, ran but rejected by a known analyzer bug {Count(JudgementKind.RejectedKnownFalse)}, ran otherwise {Count(JudgementKind.RejectedRan)}")
            .AppendLine("design rules that excused a model that ran: " + string.Join("; ", rules.Select(g => $"{g.Key} {g.Count()}")))
            .AppendLine("rejected by first ID (rejected / of which ran by design): " + string.Join("; ", byId))
            .AppendLine($"skipped (too large to run here) {Count(JudgementKind.Skipped)}")
            .AppendLine($"time: analysis {analyzed.TotalSeconds:0.0} s ({analyzedCpu.TotalSeconds:0.0} s of CPU), building and running {ran.TotalSeconds:0.0} s ({ranCpu.TotalSeconds:0.0} s of CPU, the process's, other tests included)");
        foreach (var judgement in judgements.Where(j => j.Kind == JudgementKind.RejectedKnownFalse)) report.AppendLine("KNOWN FALSE REJECTION: " + judgement.Detail);
        foreach (var judgement in unsound.Take(40)) report.AppendLine("UNSOUND " + judgement.Kind + ": " + judgement.Detail);
        output.WriteLine(report.ToString());
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "soundness-report.txt"), report.ToString());

        Assert.True(Count(JudgementKind.AcceptedRan) >= 500 && Count(JudgementKind.RejectedFailed) >= 500, report.ToString());
        Assert.True(groups.Count(Composes) >= 200 && results.Count(r => r.Failure == FailureKind.Cycle) >= 10, report.ToString());
        Assert.All(Kinds(groups, judgements, min: 10), kind => Assert.DoesNotContain("too few", kind, StringComparison.Ordinal));
        Assert.Empty(unsound);
    }

    /// <summary>
    /// The generator and the analyzer share one core: model code is generated for exactly the classes the analyzer
    /// accepts (a rejected one gets a doc comment naming its errors and members that throw, so its uses compile).
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

    static bool IsBuilt(string generated) =>
        generated.Contains(" forward(", StringComparison.Ordinal) && !generated.Contains("was not built", StringComparison.Ordinal);

    static bool Composes(ModelGroup group) => group.Classes.Count > 1 || group.Outer.Layers.Any(l => l.Kind is "Layer" or "Residual");

    static int Inputs(List<ModelGroup> groups, int rank) =>
        groups.Count(g => g.Outer.Layers.FirstOrDefault() is { Kind: "Input" } input && input.Arguments.Count == rank);

    /// <summary>Each layer kind with the number of groups (accepted / rejected) that use it; "too few" where it is under <paramref name="min"/>.</summary>
    static IEnumerable<string> Kinds(List<ModelGroup> groups, List<Judgement> judgements, int min = 0)
    {
        string[] kinds =
        [
            "Input", "Conv2d", "MaxPool2d", "AvgPool2d", "BatchNorm2d", "GlobalAveragePool", "Flatten", "Linear", "LayerNorm", "Activation", "Dropout",
            "Patchify", "ClassToken", "PositionEmbedding", "Encoder", "ClassifierHead", "Layer", "Residual",
        ];
        bool Uses(ModelGroup g, string kind) => g.Classes.Any(c => c.Layers.Any(l => l.Kind == kind));
        foreach (string kind in kinds)
        {
            int accepted = groups.Where((g, i) => judgements[i].Kind == JudgementKind.AcceptedRan && Uses(g, kind)).Count();
            int rejected = groups.Where((g, i) => judgements[i].Kind is JudgementKind.RejectedFailed or JudgementKind.RejectedByDesign && Uses(g, kind)).Count();
            yield return $"{kind} {accepted}/{rejected}" + (accepted < min || rejected < min ? " too few" : "");
        }
    }
}

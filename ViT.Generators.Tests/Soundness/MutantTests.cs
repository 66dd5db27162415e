using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// Every single-argument mutant (<see cref="Mutants"/>) of the sample models: the tutorial's and timm's ViTs, LeNet,
/// the ResNet with its residual blocks, and the hybrid. Counts how many the analyzer catches (an error or a warning),
/// and runs every mutant through <see cref="IndependentBuilder"/>: none that the analyzer lets through without an
/// error may fail, and, as in <see cref="SoundnessTests"/>, none it rejects may run unless a design rule says why.
/// </summary>
public sealed class MutantTests(ITestOutputHelper output)
{
    static readonly (string Name, ModelGroup Sample)[] Samples =
    [
        ("Tutorial", SampleModels.Tutorial), ("Timm", SampleModels.Timm),
        ("LeNet", SampleModels.LeNet), ("ResNet", SampleModels.ResNet), ("HybridViT", SampleModels.HybridViT),
    ];

    [Fact]
    public void Uncaught_mutants_run()
    {
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var originals = Samples.Select(s => s.Sample.WithPrefix(Mutants.Original)).ToList();
        var mutants = Samples.SelectMany(s => Mutants.Of(s.Name, s.Sample).Select(m => (Sample: s.Name, m.Group, m.Mutation))).ToList();
        var verdicts = AnalyzerOracle.Analyze(originals.Concat(mutants.Select(m => m.Group)));
        foreach (var original in originals)
        {
            var judgement = Judgement.Of(original, verdicts, IndependentBuilder.BuildAndRun(original));
            Assert.True(judgement.Kind == JudgementKind.AcceptedRan, judgement.Detail);
            Assert.All(original.Classes, c => Assert.Empty(verdicts[c.Name].Warnings));
        }

        var results = IndependentBuilder.BuildAndRun(mutants.Select(m => m.Group).ToList());
        var report = new StringBuilder();
        var unsound = new List<string>();
        var uncaughtFails = new Dictionary<string, int>();
        foreach (var sample in mutants.Select((m, i) => (m.Sample, m.Group, m.Mutation, Result: results[i])).GroupBy(m => m.Sample))
        {
            int errors = 0, warnings = 0, errorsRun = 0, uncaughtRuns = 0, skipped = 0;
            uncaughtFails[sample.Key] = 0;
            var caughtButRuns = new List<string>();
            foreach (var (_, group, mutation, result) in sample)
            {
                var judgement = Judgement.Of(group, verdicts, result);
                bool error = group.Reachable().Any(c => verdicts[c.Name].Errors.Count > 0), warning = group.Reachable().Any(c => verdicts[c.Name].Warnings.Count > 0);
                if (judgement.Kind == JudgementKind.Skipped) skipped++;
                if (error) errors++;
                else if (warning) warnings++;
                if (judgement.Kind is JudgementKind.RejectedByDesign or JudgementKind.RejectedKnownFalse)
                {
                    errorsRun++;
                    caughtButRuns.Add($"    {mutation}: {string.Join(", ", judgement.Rules.Distinct())}");
                }

                if (!error && !warning && result.Ran) uncaughtRuns++;
                if (!error && !warning && result.Outcome == BuildOutcome.Failed) uncaughtFails[sample.Key]++;
                if (judgement.IsUnsound) unsound.Add($"  UNSOUND {sample.Key} {mutation}: {judgement.Kind}: {judgement.Detail}");
            }

            int uncaught = sample.Count() - errors - warnings;
            report.AppendLine($"{sample.Key}: {sample.Count()} mutants: caught {errors + warnings} (by an error {errors}, of which {errorsRun} run by design; by a warning only {warnings}); uncaught {uncaught} (run {uncaughtRuns}, fail {uncaughtFails[sample.Key]}); not run (too large here) {skipped}");
            foreach (string line in caughtButRuns) report.AppendLine(line);
        }

        int fresh = mutants.Count(m => m.Sample is "LeNet" or "ResNet" or "HybridViT");
        var failures = string.Join(", ", results.Where(r => r.Failure is not null).GroupBy(r => r.Failure).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"));
        report.Insert(0, $"mutants {mutants.Count} ({fresh} of LeNet, ResNet and HybridViT) in {clock.Elapsed.TotalSeconds:0.0} s ({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.0} s of CPU, the process's); failures: {failures}{Environment.NewLine}");
        foreach (string line in unsound) report.AppendLine(line);
        output.WriteLine(report.ToString());
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "mutant-report.txt"), report.ToString());

        Assert.True(fresh >= 300, report.ToString());
        Assert.All(uncaughtFails, p => Assert.True(p.Value == 0, $"{p.Key}: {p.Value} uncaught mutants fail{Environment.NewLine}{report}"));
        Assert.Empty(unsound);
    }
}

using System.Text;
using Xunit.Abstractions;

namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// Seeded mutants: every single-argument mutation of the two tutorial models. Counts how many the analyzer catches,
/// and runs every mutant through <see cref="IndependentBuilder"/> to see which of the uncaught ones actually run.
/// </summary>
public sealed class MutantTests(ITestOutputHelper output)
{
    [Fact]
    public void Uncaught_mutants_run()
    {
        var mutants = Mutants.Of("Tutorial", Mutants.Tutorial).Concat(Mutants.Of("Timm", Mutants.Timm)).ToList();
        var errors = AnalyzerOracle.Errors(mutants.Select(m => m.Model).ToList(), includeWarnings: true); // a warning catches a mutant too
        int caught = 0, caughtFailed = 0, caughtRan = 0, uncaught = 0, uncaughtRan = 0, skipped = 0;
        var report = new StringBuilder();
        var failures = new List<string>();
        for (int i = 0; i < mutants.Count; i++)
        {
            var (model, mutation) = mutants[i];
            var (outcome, detail) = IndependentBuilder.BuildAndRun(model.Layers);
            bool isCaught = errors[i].Count > 0;
            if (isCaught) caught++;
            else uncaught++;
            switch (outcome)
            {
                case IndependentBuilder.Outcome.Skipped:
                    skipped++;
                    report.AppendLine($"  {model.Name} {mutation}: {(isCaught ? string.Join(",", errors[i]) : "uncaught")}, not run ({detail})");
                    break;
                case IndependentBuilder.Outcome.Ran when isCaught:
                    caughtRan++;
                    report.AppendLine($"  {model.Name} {mutation}: caught ({string.Join(",", errors[i])}) but runs -> {detail}");
                    break;
                case IndependentBuilder.Outcome.Ran:
                    uncaughtRan++;
                    break;
                case IndependentBuilder.Outcome.Failed when isCaught:
                    caughtFailed++;
                    break;
                default:
                    failures.Add($"{model.Name} {mutation}: uncaught but fails -> {detail}");
                    break;
            }
        }

        string summary = $"mutants {mutants.Count}: caught {caught} (fail at run time {caughtFailed}, run anyway {caughtRan}), uncaught {uncaught} (run {uncaughtRan}, fail {failures.Count}), not run (too large here) {skipped}";
        report.Insert(0, summary + Environment.NewLine);
        foreach (var failure in failures) report.AppendLine("  " + failure);
        output.WriteLine(report.ToString());
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "mutant-report.txt"), report.ToString());

        Assert.True(mutants.Count >= 200, summary);
        Assert.Empty(failures);
    }
}

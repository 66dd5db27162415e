using System.Text;
using Xunit.Abstractions;

namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// The analyzer against the runtime: 1,000 seeded random models (valid and invalid sizes, patches, heads, kinds and
/// orders). Every one is analyzed; every one is then built and run through TorchSharp by <see cref="IndependentBuilder"/>.
/// Accepted models must run. Rejected models must fail, except for rules that are design decisions rather than shape
/// errors (listed in <see cref="DesignRules"/>), which are counted and reported.
/// </summary>
public sealed class SoundnessTests(ITestOutputHelper output)
{
    public const int Count = 1000;
    public const int Seed = 20261124;

    /// <summary>
    /// Rejected although the tensors would flow: a second [ClassToken]/[PositionEmbedding] (VIT0008), class-token
    /// pooling of what is really the first patch (VIT0006), zero blocks or zero classes (VIT0002), and the fixed order of
    /// the rank-preserving token layers (VIT0007 for, say, [PositionEmbedding] before [ClassToken]; VIT0007 for a wrong
    /// rank always fails). Each is reported separately in the counts.
    /// </summary>
    static readonly HashSet<string> DesignRules = new() { "VIT0002", "VIT0006", "VIT0007", "VIT0008" };

    [Fact]
    public void Accepted_models_run_and_rejected_models_fail_with_shape_errors()
    {
        var models = RandomModels.Generate(Count, Seed);
        var errors = AnalyzerOracle.Errors(models);
        int accepted = 0, acceptedRan = 0, rejected = 0, rejectedFailed = 0, rejectedRanByDesignRule = 0, skipped = 0;
        var unsound = new List<string>();
        var byId = new SortedDictionary<string, (int Rejected, int Ran)>();
        for (int i = 0; i < models.Count; i++)
        {
            var (outcome, detail) = IndependentBuilder.BuildAndRun(models[i].Layers);
            if (outcome == IndependentBuilder.Outcome.Skipped)
            {
                skipped++;
                continue;
            }

            bool ran = outcome == IndependentBuilder.Outcome.Ran;
            if (errors[i].Count == 0)
            {
                accepted++;
                if (ran) acceptedRan++;
                else unsound.Add($"accepted but failed: {models[i]} -> {detail}");
                continue;
            }

            rejected++;
            string id = errors[i][0];
            (int Rejected, int Ran) entry = byId.TryGetValue(id, out var e) ? e : (0, 0);
            byId[id] = (entry.Rejected + 1, entry.Ran + (ran ? 1 : 0));
            if (!ran) rejectedFailed++;
            else if (errors[i].Any(DesignRules.Contains)) rejectedRanByDesignRule++;
            else unsound.Add($"rejected ({string.Join(", ", errors[i])}) but ran: {models[i]} -> {detail}");
        }

        var report = new StringBuilder()
            .AppendLine($"models {models.Count} (seed {Seed}); run through TorchSharp {models.Count - skipped}, skipped {skipped}")
            .AppendLine($"accepted {accepted}: ran {acceptedRan}")
            .AppendLine($"rejected {rejected}: failed to build or run {rejectedFailed}, ran but rejected by a design rule {rejectedRanByDesignRule}")
            .AppendLine("rejected by first ID (rejected / of which ran): " + string.Join("; ", byId.Select(p => $"{p.Key} {p.Value.Rejected}/{p.Value.Ran}")));
        foreach (var line in unsound.Take(30)) report.AppendLine(line);
        output.WriteLine(report.ToString());
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "soundness-report.txt"), report.ToString());

        Assert.True(accepted >= 50 && rejected >= 50, report.ToString());
        Assert.True(acceptedRan >= 50 && rejectedFailed >= 50, report.ToString());
        Assert.Empty(unsound);
    }

    /// <summary>
    /// The generator and the analyzer share one core: model code is generated for exactly the accepted models (a rejected
    /// one gets only a doc comment naming its errors, with no forward).
    /// </summary>
    [Fact]
    public void Generator_emits_exactly_the_models_the_analyzer_accepts()
    {
        var models = RandomModels.Generate(Count, Seed);
        var errors = AnalyzerOracle.Errors(models);
        var (result, _, diagnostics) = GeneratorHarness.Run(models.Select(m => m.ToSource()).ToArray());
        var generated = result.GeneratedTrees.Where(t => t.ToString().Contains(" forward(", StringComparison.Ordinal)).Select(t => Path.GetFileName(t.FilePath)).ToHashSet();
        Assert.DoesNotContain(diagnostics, d => d.Id == "VIT9999");
        var disagreements = models
            .Where((m, i) => generated.Contains($"Soundness.{m.Name}.g.cs") != (errors[i].Count == 0))
            .Select(m => m.ToString())
            .ToList();
        Assert.Empty(disagreements);
        Assert.Equal(errors.Count(e => e.Count == 0), generated.Count);
    }
}

using System.Globalization;

namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// The seeded random model groups and the analyzer's verdicts on them, made once for the soundness tests. CI draws
/// <see cref="DefaultCount"/> groups of seed <see cref="DefaultSeed"/>; <c>VIT_SOUNDNESS_MODELS</c> and
/// <c>VIT_SOUNDNESS_SEED</c> draw more or others (docs/testing.md).
/// </summary>
public sealed class RandomModelsFixture
{
    public const int DefaultCount = 2000;
    public const int DefaultSeed = 20261124;

    public static int Count { get; } = Setting("VIT_SOUNDNESS_MODELS", DefaultCount);

    public static int Seed { get; } = Setting("VIT_SOUNDNESS_SEED", DefaultSeed);

    internal List<ModelGroup> Groups { get; } = RandomModels.Generate(Count, Seed);

    internal Dictionary<string, AnalyzerVerdict> Verdicts => verdicts.Value;

    /// <summary>What the independent builder made of each group, in the order of <see cref="Groups"/>.</summary>
    internal BuildResult[] Results => results.Value;

    readonly Lazy<Dictionary<string, AnalyzerVerdict>> verdicts;
    readonly Lazy<BuildResult[]> results;

    public RandomModelsFixture()
    {
        verdicts = new(() => Timed(() => AnalyzerOracle.Analyze(Groups), out analysis));
        results = new(() => Timed(() => IndependentBuilder.BuildAndRun(Groups), out building));
    }

    /// <summary>How long the analysis took, wall clock and the process's processor time (other tests running beside it included).</summary>
    internal (TimeSpan Wall, TimeSpan Processor) AnalysisTime
    {
        get
        {
            _ = Verdicts;
            return analysis;
        }
    }

    /// <summary>How long building and running the groups took, as <see cref="AnalysisTime"/>.</summary>
    internal (TimeSpan Wall, TimeSpan Processor) RunTime
    {
        get
        {
            _ = Results;
            return building;
        }
    }

    (TimeSpan Wall, TimeSpan Processor) analysis, building;

    static T Timed<T>(Func<T> work, out (TimeSpan Wall, TimeSpan Processor) time)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var processor = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var result = work();
        time = (clock.Elapsed, System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - processor);
        return result;
    }

    static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0 ? value : fallback;
}

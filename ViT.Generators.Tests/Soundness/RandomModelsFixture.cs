namespace ViT.Generators.Tests.Soundness;

/// <summary>The seeded random model groups and the analyzer's verdicts on them, made once for the soundness tests.</summary>
public sealed class RandomModelsFixture
{
    public const int Count = 2000;
    public const int Seed = 20261124;

    internal List<ModelGroup> Groups { get; } = RandomModels.Generate(Count, Seed);

    internal Dictionary<string, AnalyzerVerdict> Verdicts => verdicts.Value;

    readonly Lazy<Dictionary<string, AnalyzerVerdict>> verdicts;

    public RandomModelsFixture() => verdicts = new(() => AnalyzerOracle.Analyze(Groups));
}

namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// The test classes that read the random model groups share one <see cref="RandomModelsFixture"/>: the groups are
/// analysed, built and run once, not once per class.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RandomModelsCollection : ICollectionFixture<RandomModelsFixture>
{
    public const string Name = "Random models";
}

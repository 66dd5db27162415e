namespace ViT.Package.Tests;

/// <summary>The package tests share one pack of ViT.Runtime (and run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackedRuntime>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Packed ViT.Runtime";
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace ViT.Generators.Tests.Analyzers;

/// <summary>
/// References for analyzer and code-fix tests: the test host's own assemblies (BCL, TorchSharp, ViT.Runtime), so no
/// reference-assembly package is downloaded (there is no network here) and the attributes are the real ones.
/// </summary>
internal static class TestReferences
{
    /// <summary>Resolves to nothing; everything comes from <see cref="All"/>.</summary>
    public static readonly ReferenceAssemblies None = new("net10.0");

    public static readonly Lazy<ImmutableArray<MetadataReference>> All = new(() =>
    {
        string tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        _ = typeof(ViT.InputAttribute).Assembly.Location;
        return tpa.Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    });

    public static void Apply(SolutionState state)
    {
        state.AdditionalReferences.AddRange(All.Value);
    }
}

using Microsoft.CodeAnalysis;
using ViT.Generators.Analyzers;
using ViT.Generators.Diagnostics;

namespace ViT.Generators.Tests.Analyzers;

/// <summary>Every descriptor has a section in docs/diagnostics.md that its help link points to, and a release entry.</summary>
public sealed class DescriptorTests
{
    static readonly DiagnosticDescriptor[] All = new ModelShapeAnalyzer().SupportedDiagnostics
        .Concat(new TrainingDataShapeAnalyzer().SupportedDiagnostics)
        .ToArray();

    static string RepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, relative);
            if (File.Exists(path)) return File.ReadAllText(path);
        }

        throw new FileNotFoundException(relative);
    }

    [Fact]
    public void Every_descriptor_links_to_its_section()
    {
        string docs = RepoFile("docs/diagnostics.md");
        foreach (var descriptor in All)
        {
            Assert.Equal(DiagnosticDescriptors.HelpLinkBase + descriptor.Id.ToLowerInvariant(), descriptor.HelpLinkUri);
            Assert.Contains("\n## " + descriptor.Id + "\n", docs, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_descriptor_is_in_the_release_notes_with_its_category_and_severity()
    {
        string unshipped = RepoFile("ViT.Generators/AnalyzerReleases.Unshipped.md");
        foreach (var descriptor in All)
        {
            Assert.Contains($"{descriptor.Id} | {descriptor.Category} | {descriptor.DefaultSeverity} |", unshipped, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Errors_are_for_what_cannot_run_and_warnings_for_probable_mistakes()
    {
        var warnings = All.Where(d => d.DefaultSeverity == DiagnosticSeverity.Warning).Select(d => d.Id).Order().ToArray();
        Assert.Equal(new[] { "VIT0017", "VIT0019", "VIT0027", "VIT0028", "VIT0029" }, warnings);
        Assert.All(All, d => Assert.Contains(d.Category, new[] { DiagnosticDescriptors.ShapesCategory, DiagnosticDescriptors.UsageCategory }));
    }
}

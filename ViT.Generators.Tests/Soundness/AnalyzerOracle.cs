using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ViT.Generators.Analyzers;

namespace ViT.Generators.Tests.Soundness;

/// <summary>Runs <see cref="ModelShapeAnalyzer"/> on many models at once (one file each) and returns each one's VIT errors (and warnings, if asked).</summary>
internal static class AnalyzerOracle
{
    public static List<IReadOnlyList<string>> Errors(IReadOnlyList<RandomModel> models, bool includeWarnings = false)
    {
        var trees = models.Select((m, i) => CSharpSyntaxTree.ParseText(m.ToSource(), GeneratorHarness.ParseOptions, path: i + ".cs")).ToList();
        var compilation = CSharpCompilation.Create(
            "Soundness",
            trees,
            Analyzers.TestReferences.All.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var diagnostics = compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ModelShapeAnalyzer()))
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        var errors = models.Select(_ => new List<string>()).ToList();
        foreach (var diagnostic in diagnostics.Where(d => (d.Severity == DiagnosticSeverity.Error || (includeWarnings && d.Severity == DiagnosticSeverity.Warning)) && d.Id.StartsWith("VIT", StringComparison.Ordinal)))
        {
            errors[int.Parse(Path.GetFileNameWithoutExtension(diagnostic.Location.SourceTree!.FilePath), System.Globalization.CultureInfo.InvariantCulture)].Add(diagnostic.Id);
        }

        return errors.Select(e => (IReadOnlyList<string>)e).ToList();
    }
}

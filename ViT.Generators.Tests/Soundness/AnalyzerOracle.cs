using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ViT.Generators.Analyzers;
using ViT.Generators.Parsing;
using ViT.Generators.Specs;
using ViT.Generators.Shapes;

namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// Runs <see cref="ModelShapeAnalyzer"/> on many model groups at once, in one compilation with one file per class, and
/// returns each class's verdict by class name.
/// </summary>
internal static class AnalyzerOracle
{
    /// <summary>Without documentation comments to check: thousands of classes bind in a third of the time.</summary>
    static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.None);

    public static Dictionary<string, AnalyzerVerdict> Analyze(IEnumerable<ModelGroup> groups)
    {
        // Groups may share a class (mutants share the classes they leave alone): each is compiled once.
        var classes = groups.SelectMany(g => g.Classes).GroupBy(c => c.Name).Select(Single).ToList();
        var trees = classes.Select(c => CSharpSyntaxTree.ParseText(c.ToSource(), ParseOptions, path: c.Name + ".cs")).ToList();
        var compilation = CSharpCompilation.Create("Soundness", trees, Analyzers.TestReferences.All.Value, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false);
        var diagnostics = compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ModelShapeAnalyzer()), options)
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult()
            .Where(d => d.Id.StartsWith("VIT", StringComparison.Ordinal))
            .ToLookup(d => Path.GetFileNameWithoutExtension(d.Location.SourceTree!.FilePath));
        return classes.ToDictionary(c => c.Name, c =>
        {
            var errors = IdsOf(diagnostics[c.Name], DiagnosticSeverity.Error);
            return new AnalyzerVerdict(errors, IdsOf(diagnostics[c.Name], DiagnosticSeverity.Warning), errors.Count == 0 ? Trail(compilation, c.Name) : []);
        });
    }

    static ModelClass Single(IGrouping<string, ModelClass> same) =>
        same.Select(c => c.ToSource()).Distinct().Count() == 1 ? same.First() : throw new ArgumentException($"two different classes are named {same.Key}");

    static List<string> IdsOf(IEnumerable<Diagnostic> diagnostics, DiagnosticSeverity severity) =>
        diagnostics.Where(d => d.Severity == severity).Select(d => d.Id).ToList();

    static List<long[]> Trail(Compilation compilation, string name)
    {
        var type = compilation.GetTypeByMetadataName("Soundness." + name)!;
        var spec = ModelSpecParser.Parse(type, type.DeclaringSyntaxReferences[0].GetSyntax(), default);
        return ShapeInference.Infer(spec).Steps.Select(s => s.Output.Dims.ToArray()).ToList();
    }
}

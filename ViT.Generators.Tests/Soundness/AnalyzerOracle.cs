using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ViT.Generators.Analyzers;
using ViT.Generators.Layers.Branches;
using ViT.Generators.Layers.Composition;
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

    static List<string> Trail(Compilation compilation, string name)
    {
        var type = compilation.GetTypeByMetadataName("Soundness." + name)!;
        var spec = ModelSpecParser.Parse(type, type.DeclaringSyntaxReferences[0].GetSyntax(), default);
        var trail = new List<string>();
        Walk(ShapeInference.Infer(spec), "", trail);
        return trail;
    }

    /// <summary>
    /// The shape after every step, written as <see cref="BuildResult.Trail"/> writes it: <c>3/1 [8, 4, 4]</c> is step 1 of
    /// the class that step 3 uses (a repeat's uses are its steps, each with the used class's steps under it).
    /// </summary>
    static void Walk(ShapeTrace trace, string path, List<string> trail)
    {
        for (int i = 0; i < trace.Steps.Count; i++)
        {
            var step = trace.Steps[i];
            string at = path + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Nested(step.Layer, at + "/", trail);
            trail.Add(at + " " + Format(step.Output.Dims));
        }
    }

    static void Nested(Layers.Layer layer, string path, List<string> trail)
    {
        switch (layer)
        {
            case ComposedLayer { Inner: { } inner }:
                Walk(inner, path, trail);
                break;
            case SequenceLayer sequence:
                for (int j = 0; j < sequence.Items.Count; j++)
                {
                    string at = path + j.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    Nested(sequence.Items[j].Layer, at + "/", trail);
                    trail.Add(at + " " + Format(sequence.Items[j].Output.Dims));
                }

                break;
            case AddInputLayer { ShortcutTrace: { } shortcut }:
                Walk(shortcut, path, trail);
                break;
        }
    }

    static string Format(IEnumerable<long> dims) => "[" + string.Join(", ", dims) + "]";
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using ViT.Generators.Analyzers;
using ViT.Generators.Diagnostics;

namespace ViT.Generators.Tests.Fuzzing;

/// <summary>
/// Runs one fuzz case as a build and an IDE would: the generator driver on the user's files, the compiler on the
/// result, then the analyzers, each case in a compilation of its own. All compilations share one reference set, so the
/// referenced assemblies are read once. One runner per thread.
/// </summary>
internal sealed class CaseRunner
{
    /// <summary>The limit of issue 13: every analysis under 100 ms.</summary>
    public static readonly TimeSpan AnalysisLimit = TimeSpan.FromMilliseconds(100);

    static readonly CSharpCompilation Empty = CSharpCompilation.Create(
        "Fuzzed",
        Array.Empty<SyntaxTree>(),
        Analyzers.TestReferences.All.Value,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));

    static readonly string[] Markers = { "ViT.InputAttribute", "ViT.VisionTransformerAttribute" };

    readonly ImmutableArray<DiagnosticAnalyzer> analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new ModelShapeAnalyzer(), new TrainingDataShapeAnalyzer());

    public CaseOutcome Run(FuzzCase fuzzCase)
    {
        var exceptions = new List<string>();
        var (trees, input, output, run) = Generate(fuzzCase, exceptions);
        var userCode = new Lazy<ImmutableArray<Diagnostic>>(() => input.GetDiagnostics());
        var compiled = run.GeneratedSources.IsEmpty ? userCode.Value : output.GetDiagnostics();
        var generated = run.GeneratedSources.Select(s => s.SyntaxTree).ToHashSet();
        bool unparsable = trees.Any(t => t.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error));
        var codeErrors = CodeErrors(compiled, generated, userCode, unparsable);
        var models = run.GeneratedSources.Where(IsModel).ToList();
        var badFacts = models.SelectMany(s => GeneratedFacts.Problems(s.HintName, s.SourceText.ToString())).ToList();
        var (diagnostics, time) = Analyze(output, trees, exceptions);
        exceptions.AddRange(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.ToString()).Distinct());
        var disagreements = compiled.Any(d => d.Severity == DiagnosticSeverity.Error)
            ? new List<string>()
            : Disagreements(output, trees, run.GeneratedSources, diagnostics);
        return new CaseOutcome(fuzzCase.Index, models.Count, run.GeneratedSources.Length - models.Count, exceptions, codeErrors, disagreements, badFacts, time);
    }

    /// <summary>Whether a generated file holds a model (a class with a base list), not the doc comment that says why there is none.</summary>
    // A model's file has its parameter count as a constant; an invalid model's file has the members that throw instead.
    static bool IsModel(GeneratedSourceResult source) =>
        source.SyntaxTree.GetRoot().DescendantNodes().OfType<FieldDeclarationSyntax>()
            .Any(f => f.Modifiers.Any(SyntaxKind.ConstKeyword) && f.Declaration.Variables.Any(v => v.Identifier.ValueText == "ParameterCount"));

    /// <summary>The time the analyzers take on the case, measured again (the generator runs first, as in <see cref="Run"/>).</summary>
    public TimeSpan TimeAnalysis(FuzzCase fuzzCase)
    {
        var exceptions = new List<string>();
        var (trees, _, output, _) = Generate(fuzzCase, exceptions);
        return Analyze(output, trees, exceptions).Time;
    }

    /// <summary>The user's files, their compilation, and the generator's run on it with the compilation it adds its files to.</summary>
    static (SyntaxTree[] Trees, Compilation Input, Compilation Output, GeneratorRunResult Run) Generate(FuzzCase fuzzCase, List<string> exceptions)
    {
        var trees = fuzzCase.Sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, GeneratorHarness.ParseOptions, path: $"Model{i}.cs")).ToArray();
        var input = Empty.AddSyntaxTrees(trees);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new ModelGenerator().AsSourceGenerator() }, parseOptions: GeneratorHarness.ParseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(input, out var output, out var driverDiagnostics);
        var run = driver.GetRunResult().Results.Single();
        if (run.Exception is { } thrown) exceptions.Add("generator threw " + thrown);
        exceptions.AddRange(driverDiagnostics.Concat(run.Diagnostics).Where(d => d.Id is "CS8785" or "VIT9999").Select(d => d.ToString()));
        return (trees, input, output, run);
    }

    /// <summary>
    /// Errors and warnings located in a generated file; and when the user's code compiles on its own, any new error
    /// (a generated base class or constructor can break the user's own declarations). Where the user's files do not
    /// parse, only errors count: the parser's recovery invents members the user never wrote (a field without a name,
    /// which the generated constructor then "leaves null", CS8618), and the syntax error is the message that matters.
    /// </summary>
    static List<string> CodeErrors(ImmutableArray<Diagnostic> compiled, HashSet<SyntaxTree> generated, Lazy<ImmutableArray<Diagnostic>> userCode, bool unparsable)
    {
        bool InGenerated(Diagnostic d) => d.Location.SourceTree is { } tree && generated.Contains(tree);
        var counted = unparsable ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
        var found = compiled.Where(d => d.Severity >= counted && InGenerated(d)).Select(d => "in generated code: " + d).ToList();
        var elsewhere = compiled.Where(d => d.Severity == DiagnosticSeverity.Error && !InGenerated(d)).ToList();
        if (elsewhere.Count > 0 && generated.Count > 0 && !userCode.Value.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            found.AddRange(elsewhere.Select(d => "caused by generated code: " + d));
        }

        return found;
    }

    /// <summary>
    /// The analyzers on the user's files, as an IDE analyses open documents (the generated files are part of the
    /// compilation but not analysed themselves), and the time spent inside the analyzers.
    /// </summary>
    (ImmutableArray<Diagnostic> Diagnostics, TimeSpan Time) Analyze(Compilation compilation, SyntaxTree[] trees, List<string> exceptions)
    {
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, analyzer, _) => exceptions.Add($"{analyzer.GetType().Name} threw {exception}"),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: true,
            reportSuppressedDiagnostics: false);
        var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
        var diagnostics = trees
            .SelectMany(t => withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(withAnalyzers.Compilation.GetSemanticModel(t), null, default).GetAwaiter().GetResult())
            .ToImmutableArray();
        var time = analyzers.Aggregate(TimeSpan.Zero, (sum, a) => sum + withAnalyzers.GetAnalyzerTelemetryInfoAsync(a, default).GetAwaiter().GetResult().ExecutionTime);
        return (diagnostics, time);
    }

    /// <summary>
    /// The generator writes a model for exactly the classes the analyzer reports no error on, and what it writes (a
    /// model, or the doc comment that explains why there is none) extends the user's class (checked where everything
    /// compiles): a model written despite an error, missing without one, or a file that declares another type of the
    /// same name (a file-local class is not re-opened by a partial declaration in another file) is a disagreement.
    /// </summary>
    static List<string> Disagreements(Compilation output, SyntaxTree[] trees, ImmutableArray<GeneratedSourceResult> sources, ImmutableArray<Diagnostic> diagnostics)
    {
        var hintNames = sources.Where(IsModel).Select(s => s.HintName).ToHashSet(StringComparer.Ordinal);
        var generated = sources.ToDictionary(s => s.HintName, s => s.SyntaxTree, StringComparer.Ordinal);
        static bool IsModelClass(ISymbol? symbol) => symbol is INamedTypeSymbol type && type.GetAttributes().Any(a => Markers.Contains(a.AttributeClass?.ToDisplayString()));

        // The analyzer names the model each error is about; where it stands does not say (VIT0030 on a nested type's
        // name is about the class around it, VIT0001 on a nested class's attribute is about that class).
        var reported = diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => d.Properties.TryGetValue(DiagnosticProperties.Model, out var model) ? model : null)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

        var found = new List<string>();
        foreach (var model in trees.SelectMany(t => t.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().Select(c => output.GetSemanticModel(t).GetDeclaredSymbol(c)))
            .Where(IsModelClass).Distinct(SymbolEqualityComparer.Default).Cast<INamedTypeSymbol>())
        {
            string hintName = FullName(model) + ".g.cs";
            bool emitted = hintNames.Contains(hintName);
            bool rejected = reported.Contains(FullName(model));
            if (emitted && rejected) found.Add($"{model} was generated although the analyzer reports an error on it");
            if (!emitted && !rejected) found.Add($"{model} was skipped although the analyzer reports no error on it");
            if (generated.TryGetValue(hintName, out var file) && !model.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == file))
            {
                found.Add($"{model}: {hintName} declares another type of that name; the generated code does not extend the user's class");
            }
        }

        return found;
    }

    /// <summary>Namespace, containing types and name, as metadata names joined by dots (the generator's hint name).</summary>
    static string FullName(INamedTypeSymbol type)
    {
        var parts = new List<string>();
        for (ISymbol? s = type; s is INamedTypeSymbol or INamespaceSymbol { IsGlobalNamespace: false }; s = s.ContainingSymbol) parts.Insert(0, s.Name);
        return string.Join(".", parts);
    }
}

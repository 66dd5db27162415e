using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ViT.Generators;
using ViT.Generators.Analyzers;

namespace ViT.Benchmarks.Suites;

/// <summary>
/// Analyzer + generator time for one model class (the tutorial's). Cold: parse, fresh compilation, fresh driver, run
/// the generator and the analyzer. Warm, the IDE case: one edit to an attribute argument, then re-run a driver that
/// already ran and the analyzer on the edited compilation. Metadata references are loaded once, as the IDE does.
/// </summary>
[MemoryDiagnoser]
public class AnalyzerAndGeneratorBenchmarks
{
    const string Source = """
        using ViT;

        namespace Bench;

        [Input(1, 28, 28)]
        [Patchify(7, dim: 100)]
        [ClassToken]
        [PositionEmbedding]
        [Encoder(layers: 3, heads: HEADS, Attention = AttentionKind.Wide, Activation = Activation.ReLU, FinalNorm = FinalNorm.Unused)]
        [ClassifierHead(10)]
        public sealed partial class TutorialViT;
        """;

    static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);
    readonly ImmutableArray<DiagnosticAnalyzer> analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new ModelShapeAnalyzer(), new TrainingDataShapeAnalyzer());
    ImmutableArray<MetadataReference> references;
    CSharpCompilation compilation = null!;
    GeneratorDriver driver = null!;
    int edit;

    [GlobalSetup]
    public void Setup()
    {
        _ = typeof(ViT.InputAttribute).Assembly; // ViT.Runtime and TorchSharp are among the trusted assemblies
        references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
        compilation = Compile(3);
        driver = CreateDriver().RunGenerators(compilation);
        _ = Analyze(compilation);
    }

    CSharpCompilation Compile(int heads) => CSharpCompilation.Create(
        "Bench",
        new[] { CSharpSyntaxTree.ParseText(Source.Replace("HEADS", heads.ToString(System.Globalization.CultureInfo.InvariantCulture)), ParseOptions, path: "TutorialViT.cs") },
        references,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    static GeneratorDriver CreateDriver() => CSharpGeneratorDriver.Create(new[] { new ModelGenerator().AsSourceGenerator() }, parseOptions: ParseOptions);

    ImmutableArray<Diagnostic> Analyze(Compilation c) =>
        c.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();

    [Benchmark(Description = "cold: fresh compilation + driver, generator + analyzer")]
    public int Cold()
    {
        var fresh = Compile(3);
        var run = CreateDriver().RunGenerators(fresh).GetRunResult();
        return run.GeneratedTrees.Length + Analyze(fresh).Length;
    }

    [Benchmark(Description = "warm: one edit, re-run driver + analyzer")]
    public int Warm()
    {
        // Alternate the head count (3 <-> 4) so that every iteration is a real edit the generator must redo.
        int heads = (++edit & 1) == 0 ? 3 : 4;
        var tree = compilation.SyntaxTrees[0];
        var edited = tree.WithChangedText(tree.GetText().Replace(Source.IndexOf("HEADS", StringComparison.Ordinal), 1, heads.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        compilation = compilation.ReplaceSyntaxTree(tree, edited);
        driver = driver.RunGenerators(compilation);
        return driver.GetRunResult().GeneratedTrees.Length + Analyze(compilation).Length;
    }

    CSharpCompilation Edit()
    {
        int heads = (++edit & 1) == 0 ? 3 : 4;
        var tree = compilation.SyntaxTrees[0];
        var edited = tree.WithChangedText(tree.GetText().Replace(Source.IndexOf("HEADS", StringComparison.Ordinal), 1, heads.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return compilation = compilation.ReplaceSyntaxTree(tree, edited);
    }

    [Benchmark(Description = "warm: one edit, generator only")]
    public int WarmGenerator()
    {
        driver = driver.RunGenerators(Edit());
        return driver.GetRunResult().GeneratedTrees.Length;
    }

    [Benchmark(Description = "warm: one edit, analyzer only")]
    public int WarmAnalyzer() => Analyze(Edit()).Length;

    [Benchmark(Baseline = true, Description = "baseline: one edit, the compiler's own declaration diagnostics")]
    public int WarmCompilerBaseline() => Edit().GetDeclarationDiagnostics().Length;
}

using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ViT.Generators;
using ViT.Generators.Analyzers;

namespace ViT.Benchmarks.Suites;

/// <summary>
/// Analyzer + generator time per model: the tutorial's ViT, a 50-layer network (issue 12's latency target), the sample
/// ResNet with its residual block, and ViT.Models' ResNet-50 and EfficientNet-B0 with the shared blocks they are
/// declared through (their own files, embedded by the project file; the edit is the class count). Cold: parse,
/// fresh compilation, fresh driver, run the generator and the analyzer. Warm, the IDE case: one edit to an attribute
/// argument (<c>EDIT</c> in the source, alternating between two values of the same length so that every iteration is a
/// real edit), then re-run a driver that already ran and the analyzer on the edited compilation. Metadata references
/// are loaded once, as the IDE does.
/// </summary>
[MemoryDiagnoser]
public class AnalyzerAndGeneratorBenchmarks
{
    static readonly IReadOnlyDictionary<string, (string Source, string[] Edits)> Models = new Dictionary<string, (string, string[])>
    {
        ["tutorial"] = ("""
            using ViT;

            namespace Bench;

            [Input(1, 28, 28)]
            [Patchify(7, dim: 100)]
            [ClassToken]
            [PositionEmbedding]
            [Encoder(layers: 3, heads: EDIT, Attention = AttentionKind.Wide, Activation = Activation.ReLU, FinalNorm = FinalNorm.Unused)]
            [ClassifierHead(10)]
            public sealed partial class TutorialViT;
            """, ["3", "4"]),
        ["deep50"] = (Deep(50), ["64", "65"]),
        ["resnet"] = ("using ViT;\n" + Embedded("ResNet.cs").Replace("[Linear(10)]", "[Linear(EDIT)]"), ["10", "12"]),
        ["resnet50"] = (ZooSource("ResNet/", "ResNet/ResNet50.cs"), ["1000", "1001"]),
        ["efficientnet_b0"] = (ZooSource("Blocks/", "EfficientNet/", "EfficientNet/EfficientNetB0.cs"), ["1000", "1001"]),
    };

    /// <summary>
    /// The ViT.Models files under <paramref name="folders"/> as one source (each file a namespace of its own), with the
    /// class count of <paramref name="edited"/>'s model as the edit point.
    /// </summary>
    static string ZooSource(params string[] folders)
    {
        string edited = folders[^1];
        var files = typeof(AnalyzerAndGeneratorBenchmarks).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith("Models/", StringComparison.Ordinal) && folders[..^1].Any(f => name.StartsWith("Models/" + f, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal);
        return string.Join("\n", files.Select(name =>
        {
            string text = Embedded(name).Replace("namespace ViT.Models;", "namespace ViT.Models\n{", StringComparison.Ordinal) + "\n}";
            return name == "Models/" + edited ? text.Replace("public const int Classes = 1000;", "public const int Classes = EDIT;", StringComparison.Ordinal) : text;
        }));
    }

    /// <summary>Input, Flatten, Linear, then ReLU and Linear pairs, ending in Linear(10): <paramref name="layers"/> layers in all (even).</summary>
    static string Deep(int layers)
    {
        var attributes = new List<string> { "[Input(1, 28, 28)]", "[Flatten]", "[Linear(EDIT)]" };
        while (attributes.Count + 2 < layers) attributes.AddRange(["[Activation(Activation.ReLU)]", "[Linear(64)]"]);
        attributes.Add("[Linear(10)]");
        List<string> lines = ["using ViT;", "", "namespace Bench;", "", .. attributes, "public sealed partial class Deep;"];
        return string.Join("\n", lines);
    }

    /// <summary>A file embedded by the project file: the sample ResNet (<c>ResNet.cs</c>) or a ViT.Models file (<c>Models/...</c>).</summary>
    static string Embedded(string name)
    {
        using var stream = typeof(AnalyzerAndGeneratorBenchmarks).Assembly.GetManifestResourceStream(name)!;
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>The model measured.</summary>
    [Params("tutorial", "deep50", "resnet", "resnet50", "efficientnet_b0")]
    public string Model { get; set; } = "tutorial";

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
        compilation = Compile(Models[Model].Edits[0]);
        driver = CreateDriver().RunGenerators(compilation);
        // Time valid models only: an error would stop the generator early and measure less than a user's edit costs.
        var problems = Analyze(compilation).Concat(driver.GetRunResult().Diagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (problems.Length > 0 || driver.GetRunResult().GeneratedTrees.IsEmpty)
            throw new InvalidOperationException($"{Model} is not a valid model: {string.Join("; ", problems.Select(p => p.ToString()))}");
    }

    CSharpCompilation Compile(string edit) => CSharpCompilation.Create(
        "Bench",
        new[] { CSharpSyntaxTree.ParseText(Models[Model].Source.Replace("EDIT", edit), ParseOptions, path: "Model.cs") },
        references,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    static GeneratorDriver CreateDriver() => CSharpGeneratorDriver.Create(new[] { new ModelGenerator().AsSourceGenerator() }, parseOptions: ParseOptions);

    ImmutableArray<Diagnostic> Analyze(Compilation c) =>
        c.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();

    [Benchmark(Description = "cold: fresh compilation + driver, generator + analyzer")]
    public int Cold()
    {
        var fresh = Compile(Models[Model].Edits[0]);
        var run = CreateDriver().RunGenerators(fresh).GetRunResult();
        return run.GeneratedTrees.Length + Analyze(fresh).Length;
    }

    [Benchmark(Description = "warm: one edit, re-run driver + analyzer")]
    public int Warm()
    {
        driver = driver.RunGenerators(Edit());
        return driver.GetRunResult().GeneratedTrees.Length + Analyze(compilation).Length;
    }

    /// <summary>The compilation with the edit point switched to the other value.</summary>
    CSharpCompilation Edit()
    {
        var (source, edits) = Models[Model];
        string value = edits[++edit & 1];
        var tree = compilation.SyntaxTrees[0];
        var edited = tree.WithChangedText(tree.GetText().Replace(source.IndexOf("EDIT", StringComparison.Ordinal), edits[0].Length, value));
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

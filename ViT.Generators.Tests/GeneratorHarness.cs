using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ViT.Generators;

namespace ViT.Generators.Tests;

/// <summary>Compiles test sources against the real ViT.Runtime and TorchSharp and runs <see cref="ModelGenerator"/> on them.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        // The test host's trusted platform assemblies include the BCL, TorchSharp and ViT.Runtime.
        string tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        var paths = tpa.Split(Path.PathSeparator).Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Contains(paths, p => Path.GetFileName(p) == "TorchSharp.dll");
        Assert.Contains(paths, p => Path.GetFileName(p) == "ViT.Runtime.dll");
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    });

    public static CSharpCompilation Compile(params string[] sources) => CSharpCompilation.Create(
        "ModelsUnderTest",
        sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Model{i}.cs")),
        References.Value,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver() => CSharpGeneratorDriver.Create(
        new[] { new ModelGenerator().AsSourceGenerator() },
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns the run result and the compilation with the generated code added.</summary>
    public static (GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> Diagnostics) Run(params string[] sources)
    {
        var compilation = Compile(sources);
        var driver = Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return (driver.GetRunResult(), output, diagnostics);
    }

    /// <summary>Errors and warnings of a compilation (hidden and info diagnostics left out).</summary>
    public static IReadOnlyList<Diagnostic> Problems(Compilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
}

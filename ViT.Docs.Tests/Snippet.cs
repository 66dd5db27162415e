using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ViT.Generators;
using ViT.Generators.Analyzers;

namespace ViT.Docs.Tests;

/// <summary>
/// A code block made into the Program.cs of a new console project that references ViT.Runtime (and ViT.Onnx) with
/// ImplicitUsings on: compiled with the ViT# generator and analyzers, and run in a folder of its own.
/// </summary>
public sealed class Snippet
{
    /// <summary>What a console project's ImplicitUsings import: the SDK's list, and ViT from ViT.Runtime's package targets.</summary>
    static readonly string[] ImplicitUsings = ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks", "ViT"];

    static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>What the .NET SDK passes as /nowarn by default: assembly-unification notes (TorchSharp is built against .NET 8).</summary>
    static readonly Dictionary<string, ReportDiagnostic> SdkNoWarn = new() { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress };

    static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        _ = typeof(ViT.Onnx.OnnxClassifier).Assembly; // loaded, so it is among the trusted assemblies' neighbours
        string tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        return tpa.Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && !Path.GetFileName(p).StartsWith("xunit", StringComparison.OrdinalIgnoreCase))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    });

    Snippet(string source, Compilation compilation, IReadOnlyList<Diagnostic> diagnostics)
    {
        Source = source;
        Compilation = compilation;
        Diagnostics = diagnostics;
    }

    /// <summary>The Program.cs that was compiled (the block, or the wrapper with the block in it).</summary>
    public string Source { get; }

    /// <summary>Whether the block has statements to run (else it is declarations only, compiled as a file of a project).</summary>
    public bool IsProgram { get; private set; }

    /// <summary>The compilation with the generated models.</summary>
    public Compilation Compilation { get; }

    /// <summary>The generator's, compiler's and analyzers' errors and warnings.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>Compiles <paramref name="source"/> as Program.cs.</summary>
    public static Snippet Compile(string source)
    {
        var usings = CSharpSyntaxTree.ParseText(string.Concat(ImplicitUsings.Select(u => $"global using global::{u};\n")), ParseOptions, path: "GlobalUsings.g.cs");
        var program = CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Program.cs");

        // Declarations alone (models, a callback) are a file of their own in the user's project, beside its Program.cs.
        bool statements = program.GetCompilationUnitRoot().Members.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax>().Any();
        var compilation = CSharpCompilation.Create(
            "Snippet",
            [usings, program],
            References.Value,
            new CSharpCompilationOptions(statements ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(SdkNoWarn));
        CSharpGeneratorDriver.Create(new ModelGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var analyzed = output.WithAnalyzers([new ModelShapeAnalyzer(), new TrainingDataShapeAnalyzer()]).GetAllDiagnosticsAsync().GetAwaiter().GetResult();
        var diagnostics = generatorDiagnostics.Concat(analyzed)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ToList();
        return new Snippet(source, output, diagnostics) { IsProgram = statements };
    }

    /// <summary>Runs the program's entry point with the working directory <paramref name="folder"/>; an exception fails the test.</summary>
    public void Run(string folder)
    {
        using var image = new MemoryStream();
        var emitted = Compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var context = new AssemblyLoadContext("snippet", isCollectible: true);
        string previous = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = folder;
            var entry = context.LoadFromStream(new MemoryStream(image.ToArray())).EntryPoint!;
            object?[]? arguments = entry.GetParameters().Length == 0 ? null : [Array.Empty<string>()];
            try
            {
                entry.Invoke(null, arguments);
            }
            catch (TargetInvocationException thrown) when (thrown.InnerException is { } inner)
            {
                throw new Xunit.Sdk.XunitException($"the program threw {inner}");
            }
        }
        finally
        {
            Environment.CurrentDirectory = previous;
            context.Unload();
        }
    }
}

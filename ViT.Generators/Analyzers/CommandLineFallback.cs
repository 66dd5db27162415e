using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using ViT.Generators.Layers;

namespace ViT.Generators.Analyzers;

/// <summary>
/// The command-line compiler runs no analyzer once a declaration has an error (a CS1503 in any attribute of the
/// project, a missing type in a signature): the build would show that one error and hide every VIT diagnostic, VIT0009
/// included. In such a build, and only there, the generator reports what the analyzers would have. The package's build
/// logic defines <see cref="Symbol"/> for command-line builds only (not for an editor's design-time build), so an editor,
/// whose analyzers always run, never sees a diagnostic twice.
/// </summary>
internal static class CommandLineFallback
{
    /// <summary>The preprocessor symbol ViT.Runtime's build logic defines outside design-time builds.</summary>
    public const string Symbol = "VIT_COMMAND_LINE_BUILD";

    static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new ModelShapeAnalyzer(), new TrainingDataShapeAnalyzer());

    /// <summary>The analyzers' diagnostics when the compiler will not run them; none otherwise.</summary>
    public static ImmutableArray<Diagnostic> Diagnostics(Compilation compilation, CancellationToken token)
    {
        if (!StopsBeforeAnalyzers(compilation, token)) return ImmutableArray<Diagnostic>.Empty;
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        return compilation.WithAnalyzers(Analyzers, options).GetAnalyzerDiagnosticsAsync(token).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Whether the compiler stops after parsing or declarations: an error there, or a warning it treats as one. Errors in
    /// a model's members do not count: in the compilation the generator sees, the model lacks its generated half (an
    /// <c>override</c> of a Module member is an error here and none once generated).
    /// </summary>
    static bool StopsBeforeAnalyzers(Compilation compilation, CancellationToken token) =>
        compilation.GetParseDiagnostics(token).Concat(compilation.GetDeclarationDiagnostics(token))
            .Where(d => d.Severity == DiagnosticSeverity.Error || d.IsWarningAsError)
            .Any(d => !InModelMember(compilation, d, token));

    static bool InModelMember(Compilation compilation, Diagnostic diagnostic, CancellationToken token)
    {
        if (diagnostic.Location.SourceTree is not { } tree) return false;
        var node = tree.GetRoot(token).FindNode(diagnostic.Location.SourceSpan);
        if (node.AncestorsAndSelf().OfType<AttributeListSyntax>().Any()) return false;
        var type = node.AncestorsAndSelf().OfType<ClassDeclarationSyntax>().FirstOrDefault();
        return type is not null
            && compilation.GetSemanticModel(tree).GetDeclaredSymbol(type, token) is { } symbol
            && symbol.GetAttributes().Any(a => LayerCatalog.ModelMarkers.Contains(a.AttributeClass?.ToDisplayString() ?? ""));
    }
}

using System;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ViT.Generators.Analyzers;
using ViT.Generators.Specs;
using ViT.Generators.Diagnostics;
using ViT.Generators.Emit;
using ViT.Generators.Layers;
using ViT.Generators.Parsing;
using ViT.Generators.Shapes;

namespace ViT.Generators;

/// <summary>
/// Writes the TorchSharp model for every class carrying <c>[Input]</c>. It reports nothing for a model that breaks a
/// constraint (the analyzers do) and never throws: an unexpected failure becomes a VIT9999 warning, not CS8785.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ModelGenerator : IIncrementalGenerator
{
    static readonly DiagnosticDescriptor Failure = new(
        DiagnosticIds.GeneratorFailure,
        "ViT# generator failure",
        "ViT# could not generate {0}: {1}",
        "ViT.Generator",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // A model is a class with [Input] (layer by layer) or with [VisionTransformer] (the shorthand). A class whose name,
        // or whose namespace's name, is still being typed has none to write (the compiler reports it).
        foreach (string marker in LayerCatalog.ModelMarkers)
        {
            var specs = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    marker,
                    static (node, _) => node is ClassDeclarationSyntax { Identifier.IsMissing: false } && !InUnfinishedNamespace(node),
                    static (ctx, token) => ctx.TargetSymbol is INamedTypeSymbol type && IsFirstMarker(type, ctx.Attributes[0], ctx.TargetNode) ? TryParse(type, ctx.TargetNode, token) : null)
                .Where(static spec => spec is not null)
                .Select(static (spec, _) => spec!)
                .WithTrackingName(TrackingNames.ModelSpec);

            var plans = specs
                .Select(static (spec, token) =>
                {
                    token.ThrowIfCancellationRequested();
                    return new ModelPlan(spec, ShapeInference.Infer(spec));
                })
                .WithTrackingName(TrackingNames.ModelPlan);

            context.RegisterSourceOutput(plans, static (output, plan) => Execute(output, plan));
        }

        // Only where the compiler will skip the analyzers (a command-line build with a declaration error); an editor's
        // build lacks the symbol, so this step costs it one boolean per keystroke (CommandLineFallback says why).
        var commandLine = context.ParseOptionsProvider.Select(static (options, _) => options.PreprocessorSymbolNames.Contains(CommandLineFallback.Symbol));
        context.RegisterSourceOutput(context.CompilationProvider.Combine(commandLine), static (output, input) =>
        {
            if (!input.Right) return;
            try
            {
                foreach (var diagnostic in CommandLineFallback.Diagnostics(input.Left, output.CancellationToken)) output.ReportDiagnostic(diagnostic);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                output.ReportDiagnostic(Diagnostic.Create(Failure, Location.None, "the diagnostics of a build that stops before its analyzers", exception.Message));
            }
        });
    }

    static bool InUnfinishedNamespace(SyntaxNode node) =>
        node.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().Any(ns => ns.Name.DescendantTokens().Any(token => token.IsMissing));

    /// <summary>
    /// A class is seen once per marker it carries and per partial declaration that carries one (both pipelines see a
    /// class with both markers, and each sees all of them). Only the pipeline and declaration of its first marker
    /// handle it, so one file is written: two with one hint name are CS8785.
    /// </summary>
    static bool IsFirstMarker(INamedTypeSymbol type, AttributeData marker, SyntaxNode target) =>
        type.GetAttributes().FirstOrDefault(a => LayerCatalog.ModelMarkers.Contains(a.AttributeClass?.ToDisplayString() ?? "")) is { } first
        && first.AttributeClass?.ToDisplayString() == marker.AttributeClass?.ToDisplayString()
        && first.ApplicationSyntaxReference is { } application
        && application.SyntaxTree == target.SyntaxTree
        && target.Span.Contains(application.Span);

    static ModelSpec? TryParse(INamedTypeSymbol type, SyntaxNode node, System.Threading.CancellationToken token)
    {
        try
        {
            return ModelSpecParser.Parse(type, node, token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return null; // never CS8785; the analyzers see the same model and report what is wrong
        }
    }

    static void Execute(SourceProductionContext output, ModelPlan plan)
    {
        if (!plan.Trace.IsValid && !ModelEmitter.CanExplain(plan.Spec)) return; // the analyzers report why
        try
        {
            // An invalid model gets only a doc comment saying why (its hover); the analyzers report the errors.
            string source = !plan.Trace.IsValid ? ModelEmitter.Explain(plan.Spec, plan.Trace)
                : plan.Spec.IsBlock ? BlockEmitter.Emit(plan.Spec, plan.Trace)
                : ModelEmitter.Emit(plan.Spec, plan.Trace);
            output.AddSource(ModelEmitter.HintName(plan.Spec), SourceText.From(source, Encoding.UTF8));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            output.ReportDiagnostic(Diagnostic.Create(Failure, Location.None, plan.Spec.FullName, exception.Message));
        }
    }
}

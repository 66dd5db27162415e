using System;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
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
        // A model is a class with [Input] (layer by layer) or with [VisionTransformer] (the shorthand). A class with
        // both has two inputs, so both pipelines find it invalid and neither emits: no clash of hint names.
        foreach (string marker in LayerCatalog.ModelMarkers)
        {
            var specs = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    marker,
                    static (node, _) => node is ClassDeclarationSyntax,
                    static (ctx, token) => ctx.TargetSymbol is INamedTypeSymbol type ? TryParse(type, ctx.TargetNode, token) : null)
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
    }

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
        if (!plan.Trace.IsValid) return; // the analyzers report why
        try
        {
            string source = ModelEmitter.Emit(plan.Spec, plan.Trace);
            output.AddSource(ModelEmitter.HintName(plan.Spec), SourceText.From(source, Encoding.UTF8));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            output.ReportDiagnostic(Diagnostic.Create(Failure, Location.None, plan.Spec.FullName, exception.Message));
        }
    }
}

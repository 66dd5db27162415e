using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ViT.Generators.Specs;
using ViT.Generators.Diagnostics;
using ViT.Generators.Layers;
using ViT.Generators.Parsing;
using ViT.Generators.Shapes;

namespace ViT.Generators.Analyzers;

/// <summary>
/// VIT0018 and VIT0026: a model passed together with data whose shape is known at compile time to the same call (a
/// trainer's constructor or method, an evaluation helper, or a method on the model) must declare that image shape as its
/// input, and, when the data fixes its class count, output that many classes. The call is not named: any invocation or
/// object creation that receives both a model (as an argument, the receiver or a type argument) and such data is
/// checked, so the rule does not depend on the trainer's exact API. The model is read by the same parser and shape
/// inference as the generator's; a data-set type states its shape with <c>[ImageShape(channels, height, width,
/// Classes = n)]</c> (ViT.Data; MNIST's is <c>[ImageShape(1, 28, 28, Classes = 10)]</c>), read with the same argument
/// reading; no data set is known to the analyzer by name. Data is recognised as an object of such a type, its
/// <c>Train</c>/<c>Test</c> splits, a call on the type (<c>Mnist.LoadSplit(...)</c>), or a local initialised from one of these.
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class TrainingDataShapeAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.DataShapeMismatch, DiagnosticDescriptors.ClassCountMismatch);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(DataShapeParser.AttributeName) is null) return;
            var known = new Known(start.CancellationToken);
            start.RegisterOperationAction(c => Analyze(c, known), OperationKind.Invocation, OperationKind.ObjectCreation);
        });
    }

    static void Analyze(OperationAnalysisContext context, Known known)
    {
        var operands = new List<IOperation>();
        var typeArguments = new List<ITypeSymbol>();
        switch (context.Operation)
        {
            case IInvocationOperation invocation:
                if (invocation.Instance is { } instance) operands.Add(instance);
                operands.AddRange(invocation.Arguments.Select(a => a.Value));
                typeArguments.AddRange(invocation.TargetMethod.TypeArguments);
                typeArguments.AddRange(invocation.TargetMethod.ContainingType.TypeArguments);
                break;
            case IObjectCreationOperation creation:
                operands.AddRange(creation.Arguments.Select(a => a.Value));
                if (creation.Type is INamedTypeSymbol created) typeArguments.AddRange(created.TypeArguments);
                break;
        }

        var model = operands.Select(o => Strip(o).Type).Concat(typeArguments).OfType<INamedTypeSymbol>().Select(known.Model).FirstOrDefault(m => m is not null);
        if (model is null) return;
        var seen = new HashSet<DataShape>(); // Fit(model, mnist.Train, mnist.Test) is one mistake, reported once
        foreach (var operand in operands)
        {
            if (Source(Strip(operand), known, context, 0) is not { } data || !seen.Add(data)) continue;
            var input = model.Trace.InputShape;
            if (input.IsImage && !input.Equals(data.Images))
            {
                string fix = model.Shorthand
                    ? $"declare channels: {data.Images[0]}, height: {data.Images[1]}, width: {data.Images[2]} in [VisionTransformer]"
                    : $"declare [Input({data.Images[0]}, {data.Images[1]}, {data.Images[2]})]";
                var arguments = $"({data.Images[0]}, {data.Images[1]}, {data.Images[2]})";
                var inputArguments = model.Shorthand ? null : model.Attribute(0, context.CancellationToken)?.ArgumentList?.GetLocation();
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.DataShapeMismatch,
                    operand.Syntax.GetLocation(),
                    inputArguments is null ? null : new[] { inputArguments },
                    Replacement(inputArguments, arguments, $"Declare [Input{arguments}] on {model.Name}"),
                    $"The model {model.Name} is declared for input {input} but is given {data.Name} images {data.Images} (its [ImageShape]); {fix} or use data with images {input}"));
            }

            var output = model.Trace.OutputShape;
            if (data.Classes > 0 && model.Trace.IsValid && output.IsVector && output[0] != data.Classes)
            {
                var outputs = model.OutputArgument(context.CancellationToken)?.Expression.GetLocation();
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ClassCountMismatch,
                    operand.Syntax.GetLocation(),
                    outputs is null ? null : new[] { outputs },
                    Replacement(outputs, data.Classes.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Give {model.Name} {data.Classes} outputs"),
                    $"The model {model.Name} outputs {output[0]} classes but is given {data.Name}, whose labels name {data.Classes} (its [ImageShape]); end the model in {data.Classes} outputs, such as [Linear({data.Classes})] or [ClassifierHead({data.Classes})]"));
            }
        }
    }

    /// <summary>What the code fix writes at the diagnostic's additional location, and its title; nothing when there is no such location.</summary>
    static ImmutableDictionary<string, string?>? Replacement(Location? at, string text, string title) =>
        at is null ? null : ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Replacement, text).Add(DiagnosticProperties.Title, title);

    static IOperation Strip(IOperation operation)
    {
        while (operation is IConversionOperation conversion) operation = conversion.Operand;
        return operation;
    }

    /// <summary>The declared shape of the data set that <paramref name="operation"/> comes from, if it can be seen without data flow.</summary>
    static DataShape? Source(IOperation operation, Known known, OperationAnalysisContext context, int depth)
    {
        if (depth > 3) return null;
        if (known.Data(operation.Type) is { } direct) return direct;
        switch (operation)
        {
            case IPropertyReferenceOperation { Instance: { } instance }:
                return Source(Strip(instance), known, context, depth + 1);
            case IInvocationOperation { TargetMethod.ContainingType: { } container } when known.Data(container) is { } loaded:
                return loaded;
            case ILocalReferenceOperation local
                when local.Local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } value }
                     && operation.SemanticModel?.GetOperation(value, context.CancellationToken) is { } initializer:
                return Source(Strip(initializer), known, context, depth + 1);
            default:
                return null;
        }
    }

    /// <summary>A model as the generator sees it: its name, its trace, whether it is declared by the shorthand, and where its attributes are.</summary>
    sealed record ModelShape(string Name, ShapeTrace Trace, bool Shorthand, INamedTypeSymbol Type, ModelSpec Spec)
    {
        /// <summary>The attribute that declared layer <paramref name="layerIndex"/>, if it is in source.</summary>
        public AttributeSyntax? Attribute(int layerIndex, CancellationToken token) =>
            DeclaringAttribute(layerIndex) is { } attribute ? attribute.ApplicationSyntaxReference?.GetSyntax(token) as AttributeSyntax : null;

        /// <summary>The argument of the last layer that sets the output count (<c>features</c> of [Linear], <c>classes</c> of a head or the shorthand).</summary>
        public AttributeArgumentSyntax? OutputArgument(CancellationToken token)
        {
            if (Trace.Steps.Count == 0 || DeclaringAttribute(Trace.Steps[Trace.Steps.Count - 1].LayerIndex) is not { } attribute || Attribute(Trace.Steps[Trace.Steps.Count - 1].LayerIndex, token) is not { } syntax) return null;
            return ModelShapeAnalyzer.FindArgument(syntax, attribute, "features") ?? ModelShapeAnalyzer.FindArgument(syntax, attribute, "classes");
        }

        AttributeData? DeclaringAttribute(int layerIndex)
        {
            var attributes = Type.GetAttributes();
            return layerIndex >= 0 && layerIndex < Spec.Layers.Count && Spec.Layers[layerIndex].AttributeIndex < attributes.Length ? attributes[Spec.Layers[layerIndex].AttributeIndex] : null;
        }
    }

    /// <summary>Models and data-set types read once per type and compilation, with the generator's parser.</summary>
    sealed class Known(CancellationToken cancellationToken)
    {
        readonly ConcurrentDictionary<ITypeSymbol, ModelShape?> models = new(SymbolEqualityComparer.Default);
        readonly ConcurrentDictionary<ITypeSymbol, DataShape?> data = new(SymbolEqualityComparer.Default);

        public ModelShape? Model(INamedTypeSymbol type) => models.GetOrAdd(type, _ =>
        {
            var marker = type.GetAttributes().Select(a => a.AttributeClass?.ToDisplayString()).FirstOrDefault(n => n is not null && LayerCatalog.ModelMarkers.Contains(n));
            if (marker is null) return null;
            var spec = ModelSpecParser.Parse(type, type.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken), cancellationToken);
            return new ModelShape(type.Name, ShapeInference.Infer(spec), marker == LayerCatalog.ModelMarkers[1], type, spec);
        });

        public DataShape? Data(ITypeSymbol? type) => type is null ? null : data.GetOrAdd(type, t => DataShapeParser.Read(t, cancellationToken));
    }
}

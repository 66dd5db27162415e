using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ViT.Generators.Diagnostics;
using ViT.Generators.Parsing;

namespace ViT.Generators.Analyzers;

/// <summary>
/// VIT0018: a model passed together with data whose image shape is known at compile time to the
/// same call (a trainer's constructor or method, an evaluation helper, or a method on the model) must declare that
/// shape in its <c>[Input]</c> (or the channels, height and width of its <c>[VisionTransformer]</c>). The call is not named: any invocation or object creation that receives both a model
/// (as an argument, the receiver or a type argument) and such data is checked, so the rule does not depend on the
/// trainer's exact API. A data-set type states its shape with <c>[ImageShape(channels, height, width)]</c> (ViT.Data;
/// MNIST's is <c>[ImageShape(1, 28, 28)]</c>); no data set is known to the analyzer by name. Data is recognised as an
/// object of such a type, its <c>Train</c>/<c>Test</c> splits, a call on the type (<c>Mnist.LoadSplit(...)</c>), or a
/// local initialised from one of these.
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class TrainingDataShapeAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The attribute a data-set type declares its image shape with.</summary>
    const string ImageShapeAttribute = "ViT.Data.ImageShapeAttribute";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.DataShapeMismatch);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var input = start.Compilation.GetTypeByMetadataName("ViT.InputAttribute");
            if (input is null) return;
            var shorthand = start.Compilation.GetTypeByMetadataName("ViT.VisionTransformerAttribute");
            var imageShape = start.Compilation.GetTypeByMetadataName(ImageShapeAttribute);
            if (imageShape is null) return;
            var data = new DeclaredShapes(imageShape);
            start.RegisterOperationAction(c => Analyze(c, input, shorthand, data), OperationKind.Invocation, OperationKind.ObjectCreation);
        });
    }

    static void Analyze(OperationAnalysisContext context, INamedTypeSymbol input, INamedTypeSymbol? shorthand, DeclaredShapes data)
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

        (INamedTypeSymbol Type, int C, int H, int W, string Fix)? model = null;
        foreach (var type in operands.Select(o => Strip(o).Type).Concat(typeArguments))
        {
            if (type is INamedTypeSymbol named && DeclaredInput(named, input, shorthand) is { } declared)
            {
                model = (named, declared.C, declared.H, declared.W, declared.Fix);
                break;
            }
        }

        if (model is not { } m) return;
        foreach (var operand in operands)
        {
            if (Source(Strip(operand), data, context, 0) is not { } d) continue;
            if (d.C == m.C && d.H == m.H && d.W == m.W) continue;
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.DataShapeMismatch,
                operand.Syntax.GetLocation(),
                $"The model {m.Type.Name} is declared for input [{m.C}, {m.H}, {m.W}] but is given {d.Name} images [{d.C}, {d.H}, {d.W}] (its [ImageShape]); {string.Format(System.Globalization.CultureInfo.InvariantCulture, m.Fix, d.C, d.H, d.W)} or use data with images [{m.C}, {m.H}, {m.W}]"));
        }
    }

    static IOperation Strip(IOperation operation)
    {
        while (operation is IConversionOperation conversion) operation = conversion.Operand;
        return operation;
    }

    /// <summary>The input shape a model declares, and how its message tells the user to change it (a format of C, H, W).</summary>
    static (int C, int H, int W, string Fix)? DeclaredInput(INamedTypeSymbol type, INamedTypeSymbol input, INamedTypeSymbol? shorthand)
    {
        foreach (var attribute in type.GetAttributes())
        {
            bool isInput = SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, input);
            if (!isInput && !SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, shorthand)) continue;
            // [Input(channels, height, width)] and [VisionTransformer(channels, height, width, ...)] both start with the shape.
            var args = attribute.ConstructorArguments;
            if (args.Length >= 3 && args[0].Value is int c && args[1].Value is int h && args[2].Value is int w)
            {
                return (c, h, w, isInput ? "declare [Input({0}, {1}, {2})]" : "declare channels: {0}, height: {1}, width: {2} in [VisionTransformer]");
            }
        }

        return null;
    }

    /// <summary>The declared shape of the data set that <paramref name="operation"/> comes from, if it can be seen without data flow.</summary>
    static (string Name, int C, int H, int W)? Source(IOperation operation, DeclaredShapes data, OperationAnalysisContext context, int depth)
    {
        if (depth > 3) return null;
        if (data.Of(operation.Type) is { } direct) return direct;
        switch (operation)
        {
            case IPropertyReferenceOperation { Instance: { } instance }:
                return Source(Strip(instance), data, context, depth + 1);
            case IInvocationOperation { TargetMethod.ContainingType: { } container } when data.Of(container) is { } loaded:
                return loaded;
            case ILocalReferenceOperation local
                when local.Local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } value }
                     && operation.SemanticModel?.GetOperation(value, context.CancellationToken) is { } initializer:
                return Source(Strip(initializer), data, context, depth + 1);
            default:
                return null;
        }
    }

    /// <summary>
    /// The <c>[ImageShape(c, h, w)]</c> each data-set type declares, read once per type and compilation.
    /// Kept in this file until the shared parser reads it beside the models' attributes.
    /// </summary>
    sealed class DeclaredShapes
    {
        readonly INamedTypeSymbol _attribute;
        readonly System.Collections.Concurrent.ConcurrentDictionary<ITypeSymbol, (string Name, int C, int H, int W)?> _read = new(SymbolEqualityComparer.Default);

        public DeclaredShapes(INamedTypeSymbol attribute) => _attribute = attribute;

        public (string Name, int C, int H, int W)? Of(ITypeSymbol? type) => type is null ? null : _read.GetOrAdd(type, Read);

        (string Name, int C, int H, int W)? Read(ITypeSymbol type)
        {
            foreach (var attribute in type.GetAttributes())
            {
                if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _attribute)) continue;
                var args = attribute.ConstructorArguments;
                if (args.Length == 3 && args[0].Value is int c && args[1].Value is int h && args[2].Value is int w) return (type.Name, c, h, w);
            }

            return null;
        }
    }
}

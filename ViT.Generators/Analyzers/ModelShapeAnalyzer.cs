using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using ViT.Generators.Diagnostics;
using ViT.Generators.Parsing;
using ViT.Generators.Shapes;
using ViT.Generators.Shared;

namespace ViT.Generators.Analyzers;

/// <summary>
/// Reports every broken constraint of the layer algebra while the user types, at the offending attribute argument.
/// It runs the same <see cref="ModelSpecParser"/> and <see cref="ShapeInference"/> as the generator, so the two
/// cannot disagree: the generator skips exactly the models this analyzer reports an error on.
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class ModelShapeAnalyzer : DiagnosticAnalyzer
{
    // A class with any of these is a model (the shorthand [VisionTransformer] stands for the six layer attributes).
    static readonly string[] ModelAttributes =
    {
        AttributeNames.Input, AttributeNames.Patchify, AttributeNames.ClassToken, AttributeNames.PositionEmbedding,
        AttributeNames.Encoder, AttributeNames.ClassifierHead, AttributeNames.VisionTransformer,
    };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = DiagnosticDescriptors.ById.Values.ToImmutableArray();

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // Nothing to do in a compilation that cannot see the ViT# attributes.
            var modelTypes = ModelAttributes
                .Select(start.Compilation.GetTypeByMetadataName)
                .OfType<INamedTypeSymbol>()
                .ToImmutableHashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            if (modelTypes.IsEmpty) return;
            start.RegisterSymbolAction(symbol => Analyze(symbol, modelTypes), SymbolKind.NamedType);
        });
    }

    static void Analyze(SymbolAnalysisContext context, ImmutableHashSet<INamedTypeSymbol> modelTypes)
    {
        if (context.Symbol is not INamedTypeSymbol { TypeKind: TypeKind.Class } type) return;
        var attributes = type.GetAttributes();
        if (!attributes.Any(a => a.AttributeClass is { } c && modelTypes.Contains(c))) return;
        if (type.DeclaringSyntaxReferences.IsEmpty) return;

        var token = context.CancellationToken;
        var declaration = type.DeclaringSyntaxReferences[0].GetSyntax(token);
        ModelSpec spec;
        try
        {
            spec = ModelSpecParser.Parse(type, declaration, token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return; // the parser is built never to throw; if it does, the generator's VIT9999 path covers it
        }

        token.ThrowIfCancellationRequested();
        var trace = ShapeInference.Infer(spec);
        foreach (var violation in trace.Violations)
        {
            if (!DiagnosticDescriptors.ById.TryGetValue(violation.Id, out var descriptor)) continue;
            var location = Locate(violation, type, declaration, spec, attributes, token);
            context.ReportDiagnostic(Diagnostic.Create(descriptor, location, Properties(violation, spec), violation.Message));
        }

        if (trace.IsValid && trace.TotalParameters > DiagnosticDescriptors.VeryLargeParameters)
        {
            // Point at the layer that owns the most parameters: that is where the typo usually is.
            var largest = trace.Layers.OrderByDescending(l => l.Parameters).First();
            var attribute = DeclaringAttribute(spec, largest.LayerIndex, attributes)?.ApplicationSyntaxReference?.GetSyntax(token);
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.VeryLargeModel,
                attribute?.GetLocation() ?? Identifier(type, declaration),
                FormattableString.Invariant($"The model {spec.ClassName} would have {trace.TotalParameters:N0} parameters ({trace.TotalParameters * 4.0 / 1e9:0.#} GB of float32 weights), {largest.Parameters:N0} of them in {largest.Name}; check the sizes for a typo")));
        }

        if (trace.IsValid && !spec.Layers.Any(l => l is PositionEmbeddingLayerSpec) && spec.Layers.Any(l => l is EncoderLayerSpec))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.NoPositionEmbedding,
                Identifier(type, declaration),
                $"The model {spec.ClassName} has no [PositionEmbedding], so its encoder sees the patches as an unordered set; add [PositionEmbedding] after [Patchify] (or [ClassToken])"));
        }
    }

    /// <summary>The attribute that declared layer <paramref name="layerIndex"/> (the one [VisionTransformer] for all six of its layers).</summary>
    static AttributeData? DeclaringAttribute(ModelSpec spec, int layerIndex, ImmutableArray<AttributeData> attributes) =>
        layerIndex >= 0 && layerIndex < spec.Layers.Count && spec.Layers[layerIndex].AttributeIndex < attributes.Length
            ? attributes[spec.Layers[layerIndex].AttributeIndex]
            : null;

    static Location Locate(
        ShapeViolation violation,
        INamedTypeSymbol type,
        SyntaxNode declaration,
        ModelSpec spec,
        ImmutableArray<AttributeData> all,
        System.Threading.CancellationToken token)
    {
        var attribute = DeclaringAttribute(spec, violation.LayerIndex, all);
        if (attribute is null && violation.Argument == "scheme")
        {
            attribute = all.FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == AttributeNames.Initialize);
        }

        if (attribute?.ApplicationSyntaxReference?.GetSyntax(token) is AttributeSyntax syntax)
        {
            return (violation.Argument is { } argument ? FindArgument(syntax, attribute, argument) : null)?.GetLocation()
                ?? syntax.GetLocation();
        }

        if (violation.Id == DiagnosticIds.BaseClassDeclared && declaration is ClassDeclarationSyntax { BaseList: { } baseList })
        {
            return baseList.Types[0].GetLocation();
        }

        if (violation.Id == DiagnosticIds.ConstructorDeclared
            && type.InstanceConstructors.FirstOrDefault(c => !c.IsImplicitlyDeclared && c.Parameters.Length == 0) is { } constructor
            && !constructor.Locations.IsEmpty)
        {
            return constructor.Locations[0];
        }

        return Identifier(type, declaration);
    }

    static Location Identifier(INamedTypeSymbol type, SyntaxNode declaration) =>
        declaration is BaseTypeDeclarationSyntax typeDeclaration ? typeDeclaration.Identifier.GetLocation()
        : type.Locations.FirstOrDefault() ?? Location.None;

    /// <summary>The argument bound to <paramref name="name"/>: <c>name: x</c>, <c>Name = x</c>, or the positional one.</summary>
    internal static AttributeArgumentSyntax? FindArgument(AttributeSyntax syntax, AttributeData attribute, string name)
    {
        if (syntax.ArgumentList is not { } list) return null;
        foreach (var argument in list.Arguments)
        {
            if (argument.NameEquals?.Name.Identifier.ValueText == name || argument.NameColon?.Name.Identifier.ValueText == name) return argument;
        }

        var parameters = attribute.AttributeConstructor?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty;
        for (int i = 0; i < list.Arguments.Count && i < parameters.Length; i++)
        {
            var argument = list.Arguments[i];
            if (argument.NameEquals is not null || argument.NameColon is not null) break;
            if (parameters[i].Name == name) return argument;
        }

        return null;
    }

    /// <summary>What a code fix needs, computed here once: valid head counts or patch sizes, or that containers only need partial.</summary>
    static ImmutableDictionary<string, string?>? Properties(ShapeViolation violation, ModelSpec spec)
    {
        if (violation.Id == DiagnosticIds.UnsupportedDeclaration && spec.DeclarationFixableByPartial)
        {
            return ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.MakeContainersPartial, "true");
        }

        if (violation.Id == DiagnosticIds.HeadsDoNotDivideDim && spec.Layers.OfType<PatchifyLayerSpec>().FirstOrDefault() is { Dim: > 0 } patchify)
        {
            return ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.ValidHeads, Join(Choices(patchify.Dim, patchify.Dim)));
        }

        if (violation.Id == DiagnosticIds.PatchDoesNotDivideImage && spec.Layers.OfType<InputLayerSpec>().FirstOrDefault() is { Height: > 0, Width: > 0 } input)
        {
            return ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.ValidPatches, Join(Choices(input.Height, input.Width)));
        }

        return null;
    }

    /// <summary>Common divisors of a and b strictly between 1 and min(a, b) (at most 12); else min's own divisors 1 and itself.</summary>
    internal static List<int> Choices(int a, int b)
    {
        var found = new List<int>();
        int limit = Math.Min(a, b);
        for (int k = 2; k < limit && found.Count < 12; k++)
        {
            if (a % k == 0 && b % k == 0) found.Add(k);
        }

        if (found.Count == 0)
        {
            if (a % limit == 0 && b % limit == 0 && limit > 1) found.Add(limit);
            found.Add(1);
        }

        return found;
    }

    static string Join(List<int> values) => string.Join(",", values.Select(v => v.ToString(CultureInfo.InvariantCulture)));
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using ViT.Generators.Specs;
using ViT.Generators.Declarations;
using ViT.Generators.Diagnostics;
using ViT.Generators.Layers;
using ViT.Generators.Parsing;
using ViT.Generators.Shapes;

namespace ViT.Generators.Analyzers;

/// <summary>
/// Reports every broken constraint of the layer algebra while the user types, at the offending attribute argument.
/// It runs the same <see cref="ModelSpecParser"/> and <see cref="ShapeInference"/> as the generator, so the two
/// cannot disagree: the generator skips exactly the models this analyzer reports an error on.
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class ModelShapeAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = DiagnosticDescriptors.ById.Values.ToImmutableArray();

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // A class with any layer attribute is a model. Nothing to do in a compilation that cannot see them.
            var layerAttributes = LayerCatalog.AttributeNames.Append(LayerCatalog.Block)
                .Select(start.Compilation.GetTypeByMetadataName)
                .OfType<INamedTypeSymbol>()
                .ToImmutableHashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            if (layerAttributes.IsEmpty) return;
            start.RegisterSymbolAction(symbol => Analyze(symbol, layerAttributes), SymbolKind.NamedType);
        });
    }

    static void Analyze(SymbolAnalysisContext context, ImmutableHashSet<INamedTypeSymbol> layerAttributes)
    {
        if (context.Symbol is not INamedTypeSymbol { TypeKind: TypeKind.Class } type) return;
        var attributes = type.GetAttributes();
        if (!attributes.Any(a => a.AttributeClass is { } c && layerAttributes.Contains(c))) return;
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
        foreach (var violation in ShapeInference.Infer(spec).Violations)
        {
            if (!DiagnosticDescriptors.ById.TryGetValue(violation.Id, out var descriptor)) continue;
            var location = Locate(violation, type, declaration, attributes, token);
            var insertBefore = violation.Insert is { } insert ? AttributeSyntax(insert.BeforeAttributeIndex, attributes, token)?.GetLocation() : null;
            var origin = violation.Origin is { } inner ? Origin(context.Compilation, inner, token) : null;
            var additional = new[] { insertBefore, origin }.OfType<Location>().ToArray();
            context.ReportDiagnostic(Diagnostic.Create(
                descriptor,
                location,
                additional.Length == 0 ? null : additional,
                Properties(violation, spec, insertBefore is not null),
                violation.Message));
        }
    }

    /// <summary>The attribute at <paramref name="index"/> of the class's attributes.</summary>
    static SyntaxNode? AttributeSyntax(int index, ImmutableArray<AttributeData> attributes, CancellationToken token) =>
        index >= 0 && index < attributes.Length ? attributes[index].ApplicationSyntaxReference?.GetSyntax(token) : null;

    /// <summary>Where inside a block used here a violation arose: its attribute's argument, in the block's own file.</summary>
    static Location? Origin(Compilation compilation, ViolationOrigin origin, CancellationToken token)
    {
        var block = FindType(compilation, origin.ModelFullName);
        var attributes = block?.GetAttributes() ?? ImmutableArray<AttributeData>.Empty;
        if (origin.AttributeIndex < 0 || origin.AttributeIndex >= attributes.Length || attributes[origin.AttributeIndex].ApplicationSyntaxReference?.GetSyntax(token) is not AttributeSyntax syntax) return null;
        return ((origin.Argument is { } argument ? FindArgument(syntax, attributes[origin.AttributeIndex], argument) : null) ?? (SyntaxNode)syntax).GetLocation();
    }

    /// <summary>The type of a model's full name (<c>Namespace.Outer.Name</c>), trying each dot from the right as a nesting.</summary>
    static INamedTypeSymbol? FindType(Compilation compilation, string fullName)
    {
        string name = fullName;
        while (true)
        {
            if (compilation.GetTypeByMetadataName(name) is { } type) return type;
            int dot = name.LastIndexOf('.');
            if (dot < 0) return null;
            name = name.Substring(0, dot) + "+" + name.Substring(dot + 1);
        }
    }

    static Location Locate(ShapeViolation violation, INamedTypeSymbol type, SyntaxNode declaration, ImmutableArray<AttributeData> all, CancellationToken token)
    {
        var attribute = violation.AttributeIndex >= 0 && violation.AttributeIndex < all.Length ? all[violation.AttributeIndex] : null;
        if (attribute?.ApplicationSyntaxReference?.GetSyntax(token) is AttributeSyntax syntax)
        {
            return (violation.Argument is { } argument ? FindArgument(syntax, attribute, argument) : null)?.GetLocation() ?? syntax.GetLocation();
        }

        if (violation.Member is { } member && type.GetMembers(member).Concat(type.GetTypeMembers(member)).SelectMany(m => m.Locations).FirstOrDefault(l => l.IsInSource) is { } memberLocation)
        {
            return memberLocation;
        }

        if (violation.Id == DiagnosticIds.BaseClassDeclared && declaration is TypeDeclarationSyntax { BaseList: { } baseList })
        {
            return baseList.Types[0].GetLocation();
        }

        if (violation.Id == DiagnosticIds.ConstructorDeclared
            && DeclarationReader.ConflictingConstructor(type, token) is { Constructor.Locations: { IsEmpty: false } locations })
        {
            return locations[0];
        }

        return declaration is BaseTypeDeclarationSyntax typeDeclaration ? typeDeclaration.Identifier.GetLocation() : type.Locations.FirstOrDefault() ?? Location.None;
    }

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

    /// <summary>The model, and what a code fix needs, carried on the violation: the valid values, the layer to insert, or that containers only need partial.</summary>
    static ImmutableDictionary<string, string?> Properties(ShapeViolation violation, ModelSpec spec, bool canInsert)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Model, spec.FullName);
        if (violation.Id == DiagnosticIds.UnsupportedDeclaration && spec.Declaration.FixableByPartial) properties = properties.Add(DiagnosticProperties.MakeContainersPartial, "true");
        if (violation.Choices.Count > 0) properties = properties.Add(DiagnosticProperties.Choices, string.Join(",", violation.Choices.Select(c => c.ToString(CultureInfo.InvariantCulture))));
        if (violation.Argument is { } argument) properties = properties.Add(DiagnosticProperties.Argument, argument);
        if (violation.Insert is { } insert && canInsert) properties = properties.Add(DiagnosticProperties.Insert, insert.Attribute);
        return properties;
    }
}

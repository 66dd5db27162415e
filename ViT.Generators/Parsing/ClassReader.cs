using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ViT.Generators.Composition;
using ViT.Generators.Declarations;
using ViT.Generators.Helpers;
using ViT.Generators.Layers;
using ViT.Generators.Shared;
using ViT.Generators.Specs;
using ViT.Generators.Specs.Expressions;

namespace ViT.Generators.Parsing;

/// <summary>
/// Reads one class's ViT# attributes into a <see cref="ModelSpec"/> of plain values: each layer attribute as a
/// <see cref="LayerTemplate"/> (arguments that name the class's constants or <c>In</c> kept as expressions), its
/// constants, <c>[Block]</c>, <c>[Initialize]</c> and <c>[Precision]</c>, and how it is declared. The classes its
/// <c>typeof</c> arguments name are handed to <paramref name="use"/>; the class itself holds only references to them.
/// </summary>
internal static class ClassReader
{
    public static ModelSpec Read(INamedTypeSymbol type, SyntaxNode? declaration, Func<INamedTypeSymbol, ModelReference> use, CancellationToken cancellationToken)
    {
        var parameters = ReadConstants(type);
        var reader = new ExpressionReader(type, parameters.ToDictionary(p => p.Name));
        var layers = new List<LayerTemplate>();
        var initialization = Initialization.TruncatedNormal;
        var precision = Precision.Float32;
        int initializeIndex = -1, precisionIndex = -1, blockIndex = -1;
        var attributes = type.GetAttributes();
        var compiled = CompiledExpressions(type, attributes);
        for (int index = 0; index < attributes.Length; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var attribute = attributes[index];
            string? name = attribute.AttributeClass?.ToDisplayString();
            if (name is null || !name.StartsWith("ViT.", StringComparison.Ordinal)) continue;
            string shortName = LayerCatalog.ShortName(name);
            if (name == LayerCatalog.Block)
            {
                blockIndex = index;
                continue;
            }

            bool isLayer = LayerCatalog.IsLayer(name);
            if (!isLayer && name != LayerCatalog.Initialize && name != LayerCatalog.Precision) continue;
            if (AttributeErrors.HasErrors(attribute, cancellationToken))
            {
                // Half-typed or mistyped arguments: never guess what the user meant.
                if (isLayer) layers.Add(new LayerTemplate(name, shortName, index, EquatableArray<TemplateArgument>.Empty, Unreadable: true));
                continue;
            }

            var arguments = Arguments(attribute, reader, use, compiled is null ? null : argument => compiled.TryGetValue((layers.Count, argument), out var text) ? text : null, cancellationToken);
            if (name == LayerCatalog.Initialize)
            {
                if (Constant(arguments, "scheme") is long scheme) initialization = (Initialization)scheme;
                initializeIndex = index;
            }
            else if (name == LayerCatalog.Precision)
            {
                if (Constant(arguments, "precision") is long value) precision = (Precision)value;
                precisionIndex = index;
            }
            else
            {
                layers.Add(new LayerTemplate(name, shortName, index, arguments.ToEquatableArray()));
            }
        }

        return new ModelSpec(
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? DeclarationReader.MetadataName(ns) : string.Empty,
            type.Name,
            DeclarationReader.ReadContainers(type, cancellationToken).ToEquatableArray(),
            layers.ToEquatableArray(),
            parameters.ToEquatableArray(),
            blockIndex >= 0,
            initialization,
            precision,
            type.DeclaringSyntaxReferences.IsEmpty ? ModelDeclaration.Compiled : DeclarationReader.Read(type, declaration, cancellationToken),
            EquatableArray<ModelSpec>.Empty)
        {
            InitializeAttribute = initializeIndex,
            PrecisionAttribute = precisionIndex,
            BlockAttribute = blockIndex,
        };
    }

    /// <summary>The value of a model-level option (<c>[Initialize]</c>, <c>[Precision]</c>), which is always a constant.</summary>
    static object? Constant(List<TemplateArgument> arguments, string name) =>
        arguments.FirstOrDefault(a => a.Name == name)?.Value is ConstantExpr constant ? constant.Value : null;

    /// <summary>
    /// The class's constants of the kinds an attribute takes (numbers, flags, text, enum members), in declaration
    /// order: a block's parameters, whose declared values are their defaults.
    /// </summary>
    static List<BlockParameter> ReadConstants(INamedTypeSymbol type) => type.GetMembers()
        .OfType<IFieldSymbol>()
        .Where(f => f.IsConst && f.ConstantValue is not null && !f.IsImplicitlyDeclared && IsOwn(f) && IsParameterType(f.Type))
        .Select(f => new BlockParameter(f.Name, Values.Normalize(f.ConstantValue!), f.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)))
        .ToList();

    /// <summary>The user's own constant, not one the generator wrote (<c>ParameterCount</c>).</summary>
    static bool IsOwn(IFieldSymbol field) => field.DeclaringSyntaxReferences.IsEmpty
        ? !Declarations.DeclarationRules.GeneratedMembers.Contains(field.Name)
        : DeclarationReader.IsUserDeclared(field);

    static bool IsParameterType(ITypeSymbol type) => type.TypeKind == TypeKind.Enum || type.SpecialType is
        SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16 or SpecialType.System_Byte or
        SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Boolean or SpecialType.System_String;

    /// <summary>
    /// The attribute's arguments by name: constructor parameters (optional ones' defaults included) and named
    /// properties, each a constant or, where it names the class's constants or <c>In</c>, an expression.
    /// </summary>
    static List<TemplateArgument> Arguments(AttributeData attribute, ExpressionReader reader, Func<INamedTypeSymbol, ModelReference> use, Func<string, string?>? compiled, CancellationToken cancellationToken)
    {
        var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        var written = compiled is null ? WrittenArguments(syntax) : Recorded(attribute, compiled);
        var arguments = new List<TemplateArgument>();
        var parameters = attribute.AttributeConstructor?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty;
        for (int i = 0; i < parameters.Length && i < attribute.ConstructorArguments.Length; i++)
        {
            var argument = Argument(parameters[i].Name, parameters[i].Type, attribute.ConstructorArguments[i], Find(written, parameters[i].Name, i), reader, use);
            if (argument is not null) arguments.Add(argument);
        }

        foreach (var pair in attribute.NamedArguments)
        {
            var property = Property(attribute.AttributeClass, pair.Key);
            var argument = property is null ? null : Argument(pair.Key, property.Type, pair.Value, written.FirstOrDefault(w => w.Property == pair.Key).Expression, reader, use);
            if (argument is not null) arguments.Add(argument);
        }

        return arguments;
    }

    /// <summary>The attribute's property of that name, its base classes' included (<c>Name</c> and <c>When</c> are every layer attribute's).</summary>
    static IPropertySymbol? Property(INamedTypeSymbol? type, string name)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.GetMembers(name).OfType<IPropertySymbol>().FirstOrDefault() is { } property) return property;
        }

        return null;
    }

    static TemplateArgument? Argument(string name, ITypeSymbol type, TypedConstant constant, ExpressionSyntax? syntax, ExpressionReader reader, Func<INamedTypeSymbol, ModelReference> use)
    {
        string typeName = type.TypeKind == TypeKind.Enum ? type.Name
            : type.ToDisplayString() == "System.Type" ? "Type"
            : type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat).TrimEnd('?');
        bool isWritten = syntax is not null;
        if (constant.Kind == TypedConstantKind.Type)
        {
            return constant.Value is INamedTypeSymbol model ? new TemplateArgument(name, new ConstantExpr(use(model), syntax?.ToString()), typeName, isWritten) : null;
        }

        if (constant.Kind == TypedConstantKind.Array || constant.Value is null) return null;
        if (LayerCatalog.IsArgumentList(name) && constant.Value is string text)
        {
            return new TemplateArgument(name, reader.ReadArgumentList(text), typeName, isWritten);
        }

        var value = syntax is not null && reader.DependsOnUse(syntax) ? reader.ReadChecked(syntax, constant.Value) : new ConstantExpr(Values.Normalize(constant.Value), syntax?.ToString());
        return new TemplateArgument(name, value, typeName, isWritten);
    }

    /// <summary>
    /// A compiled class's arguments that depend on its constants, as its generator recorded them (compiled metadata
    /// holds only their values): <c>[ArgumentExpression(layer, argument, text)]</c>, by layer attribute and argument.
    /// Null for a class read from source.
    /// </summary>
    static Dictionary<(int Layer, string Argument), string>? CompiledExpressions(INamedTypeSymbol type, ImmutableArray<AttributeData> attributes)
    {
        if (!type.DeclaringSyntaxReferences.IsEmpty) return null;
        var records = new Dictionary<(int, string), string>();
        foreach (var attribute in attributes.Where(a => a.AttributeClass?.ToDisplayString() == "ViT.ArgumentExpressionAttribute" && a.ConstructorArguments.Length == 3))
        {
            if (attribute.ConstructorArguments[0].Value is int layer && attribute.ConstructorArguments[1].Value is string argument && attribute.ConstructorArguments[2].Value is string text)
            {
                records[(layer, argument)] = text;
            }
        }

        return records;
    }

    /// <summary>A compiled attribute's recorded expressions, as if written by name.</summary>
    static List<(int Position, string? Parameter, string? Property, ExpressionSyntax Expression)> Recorded(AttributeData attribute, Func<string, string?> compiled)
    {
        var written = new List<(int, string?, string?, ExpressionSyntax)>();
        foreach (var parameter in attribute.AttributeConstructor?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty)
        {
            if (compiled(parameter.Name) is { } text) written.Add((-1, parameter.Name, null, SyntaxFactory.ParseExpression(text)));
        }

        foreach (var pair in attribute.NamedArguments)
        {
            if (compiled(pair.Key) is { } text) written.Add((-1, null, pair.Key, SyntaxFactory.ParseExpression(text)));
        }

        return written;
    }

    /// <summary>The arguments as written: each with the constructor parameter's position or name, or the property's name.</summary>
    static List<(int Position, string? Parameter, string? Property, ExpressionSyntax Expression)> WrittenArguments(AttributeSyntax? syntax)
    {
        var written = new List<(int, string?, string?, ExpressionSyntax)>();
        int position = 0;
        foreach (var argument in syntax?.ArgumentList?.Arguments ?? default)
        {
            if (argument.NameEquals is { } property) written.Add((-1, null, property.Name.Identifier.ValueText, argument.Expression));
            else if (argument.NameColon is { } parameter) written.Add((-1, parameter.Name.Identifier.ValueText, null, argument.Expression));
            else written.Add((position++, null, null, argument.Expression));
        }

        return written;
    }

    static ExpressionSyntax? Find(List<(int Position, string? Parameter, string? Property, ExpressionSyntax Expression)> written, string parameter, int position) =>
        written.FirstOrDefault(w => w.Parameter == parameter || (w.Parameter is null && w.Property is null && w.Position == position)).Expression;
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ViT.Generators.Helpers;
using ViT.Generators.Shared;

namespace ViT.Generators.Parsing;

/// <summary>
/// Reads a model class's ViT# attributes into a <see cref="ModelSpec"/>. The only place that touches Roslyn symbols;
/// what it returns holds none. It never throws on bad input: an attribute it cannot read becomes an
/// <see cref="UnreadableLayerSpec"/>, which shape inference reports.
/// </summary>
public static class ModelSpecParser
{
    public static ModelSpec Parse(INamedTypeSymbol type, SyntaxNode declaration, CancellationToken cancellationToken)
    {
        var layers = new List<LayerSpec>();
        var initialization = Initialization.TruncatedNormal;
        var attributes = type.GetAttributes();
        for (int index = 0; index < attributes.Length; index++)
        {
            var attribute = attributes[index];
            int before = layers.Count;
            cancellationToken.ThrowIfCancellationRequested();
            string? name = attribute.AttributeClass?.ToDisplayString();
            if (name is not null && name.StartsWith("ViT.", StringComparison.Ordinal) && HasErrors(attribute, cancellationToken))
            {
                // Half-typed or mistyped arguments: never guess what the user meant.
                string shortName = name.Substring(4);
                layers.Add(new UnreadableLayerSpec(shortName.EndsWith("Attribute", StringComparison.Ordinal) ? shortName.Substring(0, shortName.Length - 9) : shortName) { AttributeIndex = index });
                continue;
            }

            switch (name)
            {
                case AttributeNames.Input: layers.Add(ParseInput(attribute)); break;
                case AttributeNames.Patchify: layers.Add(ParsePatchify(attribute)); break;
                case AttributeNames.ClassToken: layers.Add(new ClassTokenLayerSpec()); break;
                case AttributeNames.PositionEmbedding: layers.Add(ParsePositionEmbedding(attribute)); break;
                case AttributeNames.Encoder: layers.Add(ParseEncoder(attribute)); break;
                case AttributeNames.ClassifierHead: layers.Add(ParseHead(attribute)); break;
                case AttributeNames.VisionTransformer: layers.AddRange(ParseShorthand(attribute)); break;
                case AttributeNames.Initialize:
                    if (Argument(attribute, "scheme") is { Kind: TypedConstantKind.Enum, Value: int scheme })
                    {
                        initialization = (Initialization)scheme;
                    }

                    break;
            }

            for (int i = before; i < layers.Count; i++) layers[i] = layers[i] with { AttributeIndex = index };
        }

        bool isPartial = declaration is ClassDeclarationSyntax classDeclaration && IsPartial(classDeclaration);
        var (containingTypes, declarationProblem, fixableByPartial) = ReadDeclaration(type, cancellationToken);
        bool declaresBase = type.BaseType is { SpecialType: not SpecialType.System_Object } baseType
            && baseType.ToDisplayString() != "TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>";
        bool declaresConstructor = type.InstanceConstructors.Any(c => !c.IsImplicitlyDeclared && c.Parameters.Length == 0);

        return new ModelSpec(
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty,
            type.Name,
            containingTypes.ToEquatableArray(),
            layers.ToEquatableArray(),
            initialization,
            isPartial,
            declarationProblem,
            fixableByPartial,
            declaresBase,
            declaresConstructor);
    }

    /// <summary>
    /// The containing types as the generated file re-opens them (outermost first), and why the class cannot be
    /// extended, if it cannot: a generic or static model, or a containing type that is generic or not partial.
    /// A generic or static cause wins over a missing <c>partial</c>, and only a missing <c>partial</c> alone is
    /// <c>FixableByPartial</c>: adding the modifier to the containers is then all the model needs.
    /// </summary>
    static (List<ContainingType> ContainingTypes, string? Problem, bool FixableByPartial) ReadDeclaration(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var containing = new List<ContainingType>();
        string? blocker = type.IsGenericType ? $"The model class {type.Name} is generic; declare it without type parameters"
            : type.IsStatic ? $"The model class {type.Name} is static; remove 'static' (a model is instantiated)"
            : null;
        string? notPartial = null;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var declarations = outer.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>().ToList();
            if (outer.IsGenericType)
                blocker ??= $"The model class {type.Name} is nested in the generic type {outer.Name}; move the model out of it";
            if (declarations.Count == 0 || !declarations.All(IsPartial))
                notPartial ??= $"The model class {type.Name} is nested in {outer.Name}, which is not partial; declare {outer.Name} (and every type around it) partial, or move the model into a namespace";
            string keyword = declarations.FirstOrDefault() switch
            {
                RecordDeclarationSyntax record => record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "record struct" : "record",
                StructDeclarationSyntax => "struct",
                InterfaceDeclarationSyntax => "interface",
                _ => "class",
            };
            containing.Insert(0, new ContainingType(keyword, outer.Name));
        }

        return (containing, blocker ?? notPartial, blocker is null && notPartial is not null);
    }

    static bool IsPartial(TypeDeclarationSyntax declaration) => declaration.Modifiers.Any(SyntaxKind.PartialKeyword);

    /// <summary>Whether an attribute's arguments failed to bind or parse, or one was dropped for its type.</summary>
    internal static bool HasErrors(AttributeData attribute, CancellationToken cancellationToken)
    {
        if (attribute.AttributeClass is null or { TypeKind: TypeKind.Error }) return true;
        if (attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error)) return true;
        if (attribute.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error)) return true;
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax syntax)
        {
            if (syntax.ContainsDiagnostics) return true;
            int namedInSyntax = syntax.ArgumentList?.Arguments.Count(a => a.NameEquals is not null) ?? 0;
            int positionalInSyntax = (syntax.ArgumentList?.Arguments.Count ?? 0) - namedInSyntax;
            if (namedInSyntax != attribute.NamedArguments.Length) return true;
            if (attribute.AttributeConstructor is null && positionalInSyntax > 0) return true;
        }

        return false;
    }

    static LayerSpec ParseInput(AttributeData attribute)
    {
        if (attribute.AttributeConstructor is null) return new UnreadableLayerSpec("Input");
        int? c = Int(Argument(attribute, "channels")), h = Int(Argument(attribute, "height")), w = Int(Argument(attribute, "width"));
        return c is null || h is null || w is null ? new UnreadableLayerSpec("Input") : new InputLayerSpec(c.Value, h.Value, w.Value);
    }

    static LayerSpec ParsePatchify(AttributeData attribute)
    {
        if (attribute.AttributeConstructor is null) return new UnreadableLayerSpec("Patchify");
        int? patch = Int(Argument(attribute, "patch"));
        int? dim = Int(Argument(attribute, "dim")) ?? AttributeNames.DefaultDim;
        return patch is null ? new UnreadableLayerSpec("Patchify") : new PatchifyLayerSpec(patch.Value, dim.Value);
    }

    static LayerSpec ParsePositionEmbedding(AttributeData attribute) =>
        new PositionEmbeddingLayerSpec(Double(Named(attribute, "Dropout")) ?? 0);

    static LayerSpec ParseEncoder(AttributeData attribute)
    {
        if (attribute.AttributeConstructor is null) return new UnreadableLayerSpec("Encoder");
        int? layers = Int(Argument(attribute, "layers")), heads = Int(Argument(attribute, "heads"));
        if (layers is null || heads is null) return new UnreadableLayerSpec("Encoder");
        return EncoderOptions(attribute, layers.Value, heads.Value);
    }

    /// <summary><c>[VisionTransformer(...)]</c>: the standard stack, as if its six layer attributes had been written.</summary>
    static IEnumerable<LayerSpec> ParseShorthand(AttributeData attribute)
    {
        int?[] values = { Int(Argument(attribute, "channels")), Int(Argument(attribute, "height")), Int(Argument(attribute, "width")), Int(Argument(attribute, "patch")), Int(Argument(attribute, "dim")), Int(Argument(attribute, "layers")), Int(Argument(attribute, "heads")), Int(Argument(attribute, "classes")) };
        if (attribute.AttributeConstructor is null || values.Any(v => v is null)) return new[] { new UnreadableLayerSpec("VisionTransformer") };
        return new LayerSpec[]
        {
            new InputLayerSpec(values[0]!.Value, values[1]!.Value, values[2]!.Value),
            new PatchifyLayerSpec(values[3]!.Value, values[4]!.Value),
            new ClassTokenLayerSpec(),
            new PositionEmbeddingLayerSpec(0),
            EncoderOptions(attribute, values[5]!.Value, values[6]!.Value),
            new ClassifierHeadLayerSpec(values[7]!.Value, (Pooling)(Enum(Named(attribute, "Pool")) ?? (int)Pooling.ClassToken)),
        };
    }

    static EncoderLayerSpec EncoderOptions(AttributeData attribute, int layers, int heads)
    {
        var attention = (AttentionKind)(Enum(Named(attribute, "Attention")) ?? (int)AttentionKind.Split);
        double epsilon = Double(Named(attribute, "NormEpsilon")) ?? 0;
        if (epsilon == 0) epsilon = attention == AttentionKind.Split ? 1e-6 : 1e-5;
        return new EncoderLayerSpec(
            layers,
            heads,
            attention,
            Double(Named(attribute, "MlpRatio")) ?? 4.0,
            (Activation)(Enum(Named(attribute, "Activation")) ?? (int)Activation.GELU),
            Bool(Named(attribute, "QkvBias")) ?? true,
            epsilon,
            (FinalNorm)(Enum(Named(attribute, "FinalNorm")) ?? (int)FinalNorm.Apply),
            Double(Named(attribute, "Dropout")) ?? 0,
            Double(Named(attribute, "AttentionDropout")) ?? 0);
    }

    static LayerSpec ParseHead(AttributeData attribute)
    {
        if (attribute.AttributeConstructor is null) return new UnreadableLayerSpec("ClassifierHead");
        int? classes = Int(Argument(attribute, "classes"));
        var pool = (Pooling)(Enum(Named(attribute, "Pool")) ?? (int)Pooling.ClassToken);
        return classes is null ? new UnreadableLayerSpec("ClassifierHead") : new ClassifierHeadLayerSpec(classes.Value, pool);
    }

    /// <summary>The constructor argument bound to the parameter <paramref name="name"/>, or null.</summary>
    static TypedConstant? Argument(AttributeData attribute, string name)
    {
        var parameters = attribute.AttributeConstructor?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty;
        var arguments = attribute.ConstructorArguments;
        for (int i = 0; i < parameters.Length && i < arguments.Length; i++)
        {
            if (parameters[i].Name == name) return arguments[i];
        }

        return null;
    }

    static TypedConstant? Named(AttributeData attribute, string name)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name) return pair.Value;
        }

        return null;
    }

    static int? Int(TypedConstant? constant) =>
        constant is { Kind: TypedConstantKind.Primitive, Value: int value } ? value : null;

    static int? Enum(TypedConstant? constant) =>
        constant is { Kind: TypedConstantKind.Enum, Value: int value } ? value : null;

    static bool? Bool(TypedConstant? constant) =>
        constant is { Kind: TypedConstantKind.Primitive, Value: bool value } ? value : null;

    static double? Double(TypedConstant? constant) => constant is { Kind: TypedConstantKind.Primitive } c
        ? c.Value switch
        {
            double d => d,
            float f => f,
            int i => i,
            _ => null,
        }
        : null;
}

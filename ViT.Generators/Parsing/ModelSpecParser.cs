using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ViT.Generators.Diagnostics;
using ViT.Generators.Helpers;
using ViT.Generators.Layers;
using ViT.Generators.Shared;

namespace ViT.Generators.Parsing;

/// <summary>
/// Reads a model class's ViT# attributes into a <see cref="ModelSpec"/>. The only place that touches Roslyn symbols;
/// what it returns holds none. Each attribute becomes plain <see cref="AttributeArguments"/>, which the layer's own unit
/// reads (through <see cref="LayerCatalog"/>). It never throws on bad input: an attribute it cannot read becomes an
/// <see cref="UnreadableLayer"/>, which shape inference reports.
/// </summary>
public static class ModelSpecParser
{
    /// <summary>
    /// The models read cleanly, by symbol, so per compilation (the table lets go of them with it): the generator and
    /// the analyzer read each model once, however many models use it and however often.
    /// </summary>
    static readonly ConditionalWeakTable<INamedTypeSymbol, ReadModel> Read = new();

    /// <summary>The namespaces the generated code names from the global one (<c>global::System...</c>); a type in the global namespace with one of these names would hide it.</summary>
    static readonly string[] GeneratedCodeNamespaces = { "System", "TorchSharp", "ViT" };

    /// <summary>Models used as layers of models used as layers ... deeper than this are refused (and cycles never loop).</summary>
    public const int MaxNesting = 16;

    /// <summary>
    /// More uses of models as layers than this inside one model, counted all the way down (a model used twice, which
    /// uses another three times, counts 2 + 6), are refused: the work of reading and checking a model grows with them,
    /// and a few levels of models that each use the next several times would otherwise take exponential time.
    /// </summary>
    public const int MaxComposedModels = 256;

    public static ModelSpec Parse(INamedTypeSymbol type, SyntaxNode? declaration, CancellationToken cancellationToken) =>
        Parse(type, declaration, ImmutableList<INamedTypeSymbol>.Empty, new CompositionState(), cancellationToken);

    static ModelSpec Parse(INamedTypeSymbol type, SyntaxNode? declaration, ImmutableList<INamedTypeSymbol> enclosing, CompositionState composed, CancellationToken cancellationToken)
    {
        var layers = new List<Layer>();
        var initialization = Initialization.TruncatedNormal;
        var precision = Precision.Float32;
        var attributes = type.GetAttributes();
        var path = enclosing.Add(type);
        for (int index = 0; index < attributes.Length; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var attribute = attributes[index];
            string? name = attribute.AttributeClass?.ToDisplayString();
            if (name is null || !name.StartsWith("ViT.", StringComparison.Ordinal)) continue;
            string shortName = ShortName(name);
            if (HasErrors(attribute, cancellationToken))
            {
                // Half-typed or mistyped arguments: never guess what the user meant.
                if (LayerCatalog.Read(name, Empty(shortName, index)) is not null) layers.Add(new UnreadableLayer(shortName) { AttributeIndex = index });
                continue;
            }

            var arguments = Arguments(attribute, shortName, index, path, composed, cancellationToken);
            if (name == LayerCatalog.Initialize)
            {
                if (arguments.Enum("scheme") is int scheme) initialization = (Initialization)scheme;
                continue;
            }

            if (name == LayerCatalog.Precision)
            {
                if (arguments.Enum("precision") is int value) precision = (Precision)value;
                continue;
            }

            foreach (var layer in LayerCatalog.Read(name, arguments) ?? Enumerable.Empty<Layer>()) layers.Add(layer with { AttributeIndex = index });
        }

        return new ModelSpec(
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? MetadataName(ns) : string.Empty,
            type.Name,
            ReadContainers(type, cancellationToken).ToEquatableArray(),
            layers.ToEquatableArray(),
            initialization,
            precision,
            type.DeclaringSyntaxReferences.IsEmpty ? ModelDeclaration.Compiled : ReadDeclaration(type, declaration, cancellationToken));
    }

    /// <summary>An attribute's arguments by name; a <c>typeof(X)</c> becomes the model X, read in turn.</summary>
    internal static AttributeArguments Arguments(AttributeData attribute, string shortName, int index, ImmutableList<INamedTypeSymbol> path, CancellationToken cancellationToken) =>
        Arguments(attribute, shortName, index, path, new CompositionState(), cancellationToken);

    static AttributeArguments Arguments(AttributeData attribute, string shortName, int index, ImmutableList<INamedTypeSymbol> path, CompositionState composed, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, object?>();
        var parameters = attribute.AttributeConstructor?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty;
        for (int i = 0; i < parameters.Length && i < attribute.ConstructorArguments.Length; i++)
        {
            values[parameters[i].Name] = Value(attribute.ConstructorArguments[i], path, composed, cancellationToken);
        }

        foreach (var pair in attribute.NamedArguments) values[pair.Key] = Value(pair.Value, path, composed, cancellationToken);
        return new AttributeArguments(shortName, index, values);
    }

    static AttributeArguments Empty(string shortName, int index) => new(shortName, index, new Dictionary<string, object?>());

    static object? Value(TypedConstant constant, ImmutableList<INamedTypeSymbol> path, CompositionState composed, CancellationToken cancellationToken) => constant.Kind switch
    {
        TypedConstantKind.Primitive or TypedConstantKind.Enum => constant.Value,
        TypedConstantKind.Type when constant.Value is INamedTypeSymbol type => Reference(type, path, composed, cancellationToken),
        _ => null,
    };

    /// <summary>The model a <c>typeof(X)</c> names, or why it cannot be a layer: not a ViT# model, a cycle, too deep, too many.</summary>
    static ModelReference Reference(INamedTypeSymbol type, ImmutableList<INamedTypeSymbol> path, CompositionState composed, CancellationToken cancellationToken)
    {
        string name = type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        string global = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        int start = path.FindIndex(t => SymbolEqualityComparer.Default.Equals(t, type));
        if (start >= 0)
        {
            composed.PathProblems++;
            string cycle = string.Join(" → ", path.Skip(start).Select(t => t.Name).Concat(new[] { type.Name }));
            return new ModelReference(name, global, null, DiagnosticIds.CompositionCycle, $"{cycle}: a model cannot contain itself; use another model as the layer");
        }

        if (path.Count >= MaxNesting)
        {
            composed.PathProblems++;
            return new ModelReference(name, global, null, DiagnosticIds.CompositionCycle, $"Models are nested more than {MaxNesting} deep here ({string.Join(" → ", path.Select(t => t.Name))} → {type.Name}); flatten some of them");
        }

        // A model read cleanly before reads the same here, unless it would now cross a limit (then it is read again and says where).
        if (Read.TryGetValue(type, out var read) && path.Count + read.Height < MaxNesting && composed.Uses + 1 + read.Uses <= MaxComposedModels)
        {
            composed.Uses += 1 + read.Uses;
            composed.Deepest = Math.Max(composed.Deepest, path.Count + read.Height);
            return read.Reference;
        }

        if (++composed.Uses > MaxComposedModels)
        {
            composed.PathProblems++;
            return new ModelReference(name, global, null, DiagnosticIds.CompositionCycle, FormattableString.Invariant($"{path[0].Name} uses models as layers more than {MaxComposedModels:N0} times in all, counting the models inside them ({string.Join(" → ", path.Select(t => t.Name))} → {type.Name} is one use too many); use fewer, or flatten some of them"));
        }

        composed.Deepest = Math.Max(composed.Deepest, path.Count);
        bool isModel = type.TypeKind == TypeKind.Class && type.GetAttributes().Any(a => LayerCatalog.ModelMarkers.Contains(a.AttributeClass?.ToDisplayString() ?? ""));
        if (!isModel)
        {
            return new ModelReference(name, global, null, DiagnosticIds.ComposedModelInvalid, $"{name} is not a ViT# model; declare it with [Input(...)] and layer attributes, as a partial class");
        }

        if (type.IsAbstract)
        {
            return new ModelReference(name, global, null, DiagnosticIds.ComposedModelInvalid, $"{name} is abstract, so it cannot be created as a layer; remove 'abstract' from its declarations, or use a model derived from it");
        }

        if (type.DeclaringSyntaxReferences.IsEmpty && !type.AllInterfaces.Any(i => i.ToDisplayString() == "ViT.IGeneratedModel"))
        {
            return new ModelReference(name, global, null, DiagnosticIds.ComposedModelInvalid, $"{name} was compiled without the ViT# generator, so it has no model code; reference the ViT.Runtime package in the project that declares it");
        }

        var declaration = type.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken);
        int usesBefore = composed.Uses, problemsBefore = composed.PathProblems, deepestBefore = composed.Deepest;
        composed.Deepest = path.Count;
        var reference = new ModelReference(name, global, Parse(type, declaration, path, composed, cancellationToken));
        if (composed.PathProblems == problemsBefore)
        {
            var clean = new ReadModel(reference, composed.Uses - usesBefore, composed.Deepest - path.Count);
            Read.GetValue(type, _ => clean); // another thread may have read it too: the same model either way
        }

        composed.Deepest = Math.Max(deepestBefore, composed.Deepest);
        return reference;
    }

    /// <summary>How the class is declared: partial, a record, its base list, its constructor, its members' names, and what stops the generator.</summary>
    static ModelDeclaration ReadDeclaration(INamedTypeSymbol type, SyntaxNode? declaration, CancellationToken cancellationToken)
    {
        var (problem, fixable) = ReadProblem(type, cancellationToken);
        var declarations = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>().ToList();
        bool declaresBase = type.BaseType is { } baseType && (baseType.SpecialType == SpecialType.System_Object
            ? declarations.Any(d => d.BaseList?.Types.FirstOrDefault()?.Type is { } written && IsObject(written))
            : !IsGeneratedBase(baseType));
        var shadowed = GeneratedCodeNamespaces.Where(n => !type.ContainingAssembly.GlobalNamespace.GetTypeMembers(n).IsEmpty);
        var members = type.GetMembers().Where(m => !m.IsImplicitlyDeclared && IsUserDeclared(m)).Select(m => m.Name)
            .Concat(type.GetTypeMembers().Where(IsUserDeclared).Select(t => t.Name))
            .Distinct().OrderBy(n => n, StringComparer.Ordinal);
        return new ModelDeclaration(
            IsPartial: declaration is TypeDeclarationSyntax syntax && IsPartial(syntax),
            IsRecord: type.IsRecord,
            IsCompiled: false,
            problem,
            fixable,
            declaresBase,
            ConflictingConstructor(type, cancellationToken)?.Problem,
            members.ToEquatableArray(),
            shadowed.ToEquatableArray());
    }

    /// <summary>
    /// The user's constructor that cannot live with the generated one, and why: a parameterless one (ViT# writes it),
    /// a primary one (the generated constructor could not call it), or one that does not call <c>this()</c> (it would
    /// skip building the layers, and TorchSharp's Module has no constructor it could call instead). The analyzer
    /// places VIT0015 on it.
    /// </summary>
    internal static (IMethodSymbol Constructor, string Problem)? ConflictingConstructor(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var constructor in type.InstanceConstructors.Where(c => !c.IsImplicitlyDeclared && IsUserDeclared(c)))
        {
            var syntax = constructor.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken);
            if (syntax is TypeDeclarationSyntax)
            {
                return (constructor, $"The model class {type.Name} has a primary constructor, which the constructor ViT# generates (it builds the layers) could not call; remove the parameter list, and declare a constructor with parameters that calls this() instead");
            }

            if (constructor.Parameters.Length == 0)
            {
                return (constructor, $"The model class {type.Name} must not declare a parameterless constructor; ViT# generates it (declare one with parameters that calls this())");
            }

            if (syntax is ConstructorDeclarationSyntax { Initializer: var initializer } && !(initializer?.IsKind(SyntaxKind.ThisConstructorInitializer) ?? false))
            {
                string parameters = string.Join(", ", constructor.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
                return (constructor, $"The constructor {type.Name}({parameters}) must call this(): the constructor ViT# generates builds the layers, and TorchSharp's Module has no constructor to call instead; add ': this()'");
            }
        }

        return null;
    }

    /// <summary>An explicit <c>: object</c> is a base class too: the generated part's base would clash with it.</summary>
    static bool IsObject(TypeSyntax syntax) => syntax switch
    {
        PredefinedTypeSyntax predefined => predefined.Keyword.IsKind(SyntaxKind.ObjectKeyword),
        SimpleNameSyntax simple => simple.Identifier.ValueText == "Object",
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText == "Object",
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText == "Object",
        _ => false,
    };

    static bool IsGeneratedBase(INamedTypeSymbol baseType) =>
        baseType.ToDisplayString() == "TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>";

    /// <summary>Declared by the user, not by our own generated file (which the analyzer's compilation includes).</summary>
    static bool IsUserDeclared(ISymbol symbol) =>
        symbol.DeclaringSyntaxReferences.Any(r => r.SyntaxTree.FilePath.IndexOf(typeof(ModelGenerator).FullName, StringComparison.Ordinal) < 0);

    static List<ContainingType> ReadContainers(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var containing = new List<ContainingType>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            var first = outer.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken);
            string keyword = first switch
            {
                RecordDeclarationSyntax record => record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "record struct" : "record",
                StructDeclarationSyntax => "struct",
                InterfaceDeclarationSyntax => "interface",
                _ => "class",
            };
            containing.Insert(0, new ContainingType(keyword, outer.Name));
        }

        return containing;
    }

    /// <summary>
    /// Why the class cannot be extended, if it cannot: a generic or static model, or a containing type that is generic
    /// or not partial. A generic or static cause wins over a missing <c>partial</c>, and only a missing <c>partial</c>
    /// alone is fixable by adding the modifier to the containers.
    /// </summary>
    static (string? Problem, bool FixableByPartial) ReadProblem(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        string? blocker = type.IsGenericType ? $"The model class {type.Name} is generic; declare it without type parameters"
            : type.IsStatic ? $"The model class {type.Name} is static; remove 'static' (a model is instantiated)"
            : type.IsFileLocal ? $"The model class {type.Name} is file-local; ViT# writes the rest of it in another file, which a file-local class cannot have: remove 'file'"
            : null;
        string? notPartial = null;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var declarations = outer.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>().ToList();
            if (outer.IsGenericType)
                blocker ??= $"The model class {type.Name} is nested in the generic type {outer.Name}; move the model out of it";
            if (outer.IsFileLocal)
                blocker ??= $"The model class {type.Name} is nested in the file-local type {outer.Name}; ViT# re-opens {outer.Name} in another file, which a file-local type cannot have: remove 'file'";
            if (declarations.Count == 0 || !declarations.All(IsPartial))
                notPartial ??= $"The model class {type.Name} is nested in {outer.Name}, which is not partial; declare {outer.Name} (and every type around it) partial, or move the model into a namespace";
        }

        return (blocker ?? notPartial, blocker is null && notPartial is not null);
    }

    static bool IsPartial(TypeDeclarationSyntax declaration) => declaration.Modifiers.Any(SyntaxKind.PartialKeyword);

    /// <summary><c>Samples.event</c> for <c>namespace Samples.@event</c>: metadata names, never an <c>@</c>.</summary>
    static string MetadataName(INamespaceSymbol ns) =>
        ns.ContainingNamespace is { IsGlobalNamespace: false } outer ? MetadataName(outer) + "." + ns.Name : ns.Name;

    static string ShortName(string name)
    {
        string shortName = name.Substring(4);
        return shortName.EndsWith("Attribute", StringComparison.Ordinal) ? shortName.Substring(0, shortName.Length - 9) : shortName;
    }

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
}

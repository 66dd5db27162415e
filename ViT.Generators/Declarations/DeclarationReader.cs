using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ViT.Generators.Helpers;
using ViT.Generators.Specs;

namespace ViT.Generators.Declarations;

/// <summary>
/// Reads how a model class is declared (partial, a record, its base list, constructors, members, the types around it)
/// into a <see cref="ModelDeclaration"/>: the facts <see cref="DeclarationRules"/> judges. The only part of the
/// declaration rules that touches Roslyn.
/// </summary>
public static class DeclarationReader
{
    /// <summary>The namespaces the generated code names from the global one (<c>global::System...</c>); a type in the global namespace with one of these names would hide it.</summary>
    static readonly string[] GeneratedCodeNamespaces = { "System", "TorchSharp", "ViT" };

    /// <summary>How the class is declared: partial, a record, its base list, its constructor, its members' names, and what stops the generator.</summary>
    public static ModelDeclaration Read(INamedTypeSymbol type, SyntaxNode? declaration, CancellationToken cancellationToken)
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
    public static (IMethodSymbol Constructor, string Problem)? ConflictingConstructor(INamedTypeSymbol type, CancellationToken cancellationToken)
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
    public static bool IsUserDeclared(ISymbol symbol) =>
        symbol.DeclaringSyntaxReferences.Any(r => r.SyntaxTree.FilePath.IndexOf(typeof(ModelGenerator).FullName, StringComparison.Ordinal) < 0);

    public static List<ContainingType> ReadContainers(INamedTypeSymbol type, CancellationToken cancellationToken)
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
    public static string MetadataName(INamespaceSymbol ns) =>
        ns.ContainingNamespace is { IsGlobalNamespace: false } outer ? MetadataName(outer) + "." + ns.Name : ns.Name;
}

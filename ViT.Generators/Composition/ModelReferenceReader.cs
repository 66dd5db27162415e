using System.Linq;
using Microsoft.CodeAnalysis;
using ViT.Generators.Declarations;
using ViT.Generators.Diagnostics;
using ViT.Generators.Layers;
using ViT.Generators.Specs;

namespace ViT.Generators.Composition;

/// <summary>What <c>typeof(X)</c> in a layer attribute names: a class that can be a layer, or why it cannot.</summary>
internal static class ModelReferenceReader
{
    /// <summary>The reference, and whether the class is one to read (a ViT# model or block that can be created).</summary>
    public static (ModelReference Reference, bool Readable) Read(INamedTypeSymbol type)
    {
        string name = type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        string global = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        string fullName = FullName(type);
        ModelReference Problem(string message) => new(name, global, fullName, DiagnosticIds.ComposedModelInvalid, message);

        bool isModel = type.TypeKind == TypeKind.Class && type.GetAttributes().Any(a => LayerCatalog.ModelMarkers.Contains(a.AttributeClass?.ToDisplayString() ?? ""));
        if (!isModel) return (Problem($"{name} is not a ViT# model; declare it with [Input(...)] or [Block] and layer attributes, as a partial class"), false);
        if (type.IsAbstract) return (Problem($"{name} is abstract, so it cannot be created as a layer; remove 'abstract' from its declarations, or use a model derived from it"), false);
        if (type.DeclaringSyntaxReferences.IsEmpty && !type.AllInterfaces.Any(i => i.ToDisplayString() is "ViT.IGeneratedModel" or "ViT.IGeneratedBlock"))
        {
            return (Problem($"{name} was compiled without the ViT# generator, so it has no model code; reference the ViT.Runtime package in the project that declares it"), false);
        }

        return (new ModelReference(name, global, fullName), true);
    }

    /// <summary><c>Namespace.Outer.Name</c>, as <see cref="ModelSpec.FullName"/> writes it.</summary>
    public static string FullName(INamedTypeSymbol type)
    {
        string name = type.Name;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType) name = outer.Name + "." + name;
        return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? DeclarationReader.MetadataName(ns) + "." + name : name;
    }
}

using ViT.Generators.Helpers;
using ViT.Generators.Shared;

namespace ViT.Generators.Parsing;

/// <summary>Everything the generator needs to know about one model class, as plain equatable values.</summary>
/// <param name="Namespace">The containing namespace, empty for the global namespace.</param>
/// <param name="ClassName">The class name.</param>
/// <param name="Layers">The layer attributes in source order.</param>
/// <param name="Initialization">The initialisation scheme.</param>
/// <param name="IsPartial">Whether the class is declared <c>partial</c>.</param>
/// <param name="IsSupportedDeclaration">False for nested, generic or static classes, which the generator does not handle.</param>
/// <param name="DeclaresBaseClass">Whether the user wrote a base class (the generator supplies it).</param>
/// <param name="DeclaresParameterlessConstructor">Whether the user wrote a parameterless constructor (the generator supplies it).</param>
public sealed record ModelSpec(
    string Namespace,
    string ClassName,
    EquatableArray<LayerSpec> Layers,
    Initialization Initialization,
    bool IsPartial,
    bool IsSupportedDeclaration,
    bool DeclaresBaseClass,
    bool DeclaresParameterlessConstructor)
{
    /// <summary><c>Namespace.ClassName</c>, or the class name alone in the global namespace.</summary>
    public string FullName => Namespace.Length == 0 ? ClassName : Namespace + "." + ClassName;
}

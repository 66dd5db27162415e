using System.Linq;
using ViT.Generators.Helpers;
using ViT.Generators.Shared;

namespace ViT.Generators.Specs;

/// <summary>
/// Everything the generator needs to know about one class, as plain equatable values: its layers as written (each
/// argument a constant or, where it names the class's constants or <c>In</c>, an expression evaluated at every use),
/// its constants, how it is declared, and the classes its layers use.
/// </summary>
/// <param name="Namespace">The containing namespace, empty for the global namespace (metadata names, no <c>@</c>).</param>
/// <param name="ClassName">The class name (metadata name, no <c>@</c>).</param>
/// <param name="ContainingTypes">The types the class is nested in, outermost first; empty for a class declared directly in a namespace.</param>
/// <param name="Layers">The layer attributes in source order.</param>
/// <param name="Parameters">The class's constants, which a use may give other values.</param>
/// <param name="IsBlock">Whether the class is a <c>[Block]</c>: no <c>[Input]</c>, checked where it is used.</param>
/// <param name="Initialization">The initialisation scheme.</param>
/// <param name="Precision">The precision new instances compute their products in (<c>[Precision]</c>).</param>
/// <param name="Declaration">How the class is declared, as far as the generator cares.</param>
/// <param name="UsedModels">Every class reachable through the layers' <c>typeof</c> arguments, each once (empty for those classes themselves).</param>
public sealed record ModelSpec(
    string Namespace,
    string ClassName,
    EquatableArray<ContainingType> ContainingTypes,
    EquatableArray<LayerTemplate> Layers,
    EquatableArray<BlockParameter> Parameters,
    bool IsBlock,
    Initialization Initialization,
    Precision Precision,
    ModelDeclaration Declaration,
    EquatableArray<ModelSpec> UsedModels)
{
    /// <summary>Index of the <c>[Initialize]</c> attribute in the class's attributes, or -1.</summary>
    public int InitializeAttribute { get; init; } = -1;

    /// <summary>Index of the <c>[Precision]</c> attribute in the class's attributes, or -1.</summary>
    public int PrecisionAttribute { get; init; } = -1;

    /// <summary>Index of the <c>[Block]</c> attribute in the class's attributes, or -1.</summary>
    public int BlockAttribute { get; init; } = -1;

    /// <summary><c>Namespace.Outer.ClassName</c>: the namespace (if any), the containing types' names and the class name.</summary>
    public string FullName => string.Join(".", new[] { Namespace }.Where(n => n.Length > 0).Concat(ContainingTypes.Select(t => t.Name)).Concat(new[] { ClassName }));
}

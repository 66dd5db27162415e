using System.Linq;
using ViT.Generators.Helpers;
using ViT.Generators.Layers;
using ViT.Generators.Shared;

namespace ViT.Generators.Parsing;

/// <summary>Everything the generator needs to know about one model class, as plain equatable values.</summary>
/// <param name="Namespace">The containing namespace, empty for the global namespace (metadata names, no <c>@</c>).</param>
/// <param name="ClassName">The class name (metadata name, no <c>@</c>).</param>
/// <param name="ContainingTypes">The types the class is nested in, outermost first; empty for a class declared directly in a namespace.</param>
/// <param name="Layers">The layers in source order.</param>
/// <param name="Initialization">The initialisation scheme.</param>
/// <param name="Precision">The precision new instances compute their products in (<c>[Precision]</c>).</param>
/// <param name="Declaration">How the class is declared, as far as the generator cares.</param>
public sealed record ModelSpec(
    string Namespace,
    string ClassName,
    EquatableArray<ContainingType> ContainingTypes,
    EquatableArray<Layer> Layers,
    Initialization Initialization,
    Precision Precision,
    ModelDeclaration Declaration)
{
    /// <summary><c>Namespace.Outer.ClassName</c>: the namespace (if any), the containing types' names and the class name.</summary>
    public string FullName => string.Join(".", new[] { Namespace }.Where(n => n.Length > 0).Concat(ContainingTypes.Select(t => t.Name)).Concat(new[] { ClassName }));
}

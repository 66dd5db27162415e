using System.Linq;
using ViT.Generators.Helpers;
using ViT.Generators.Shared;

namespace ViT.Generators.Parsing;

/// <summary>Everything the generator needs to know about one model class, as plain equatable values.</summary>
/// <param name="Namespace">The containing namespace, empty for the global namespace.</param>
/// <param name="ClassName">The class name.</param>
/// <param name="Layers">The layer attributes in source order.</param>
/// <param name="Initialization">The initialisation scheme.</param>
/// <param name="IsPartial">Whether the class is declared <c>partial</c>.</param>
/// <param name="ContainingTypes">The types the class is nested in, outermost first; empty for a class declared directly in a namespace.</param>
/// <param name="DeclarationProblem">Why the generator cannot extend the class (generic, static, or nested in a type it cannot re-open); null when it can.</param>
/// <param name="DeclarationFixableByPartial">Whether <paramref name="DeclarationProblem"/> is only that containing types are not partial, so adding <c>partial</c> to them mends it (VIT0013's code fix).</param>
/// <param name="DeclaresBaseClass">Whether the user wrote a base class (the generator supplies it).</param>
/// <param name="DeclaresParameterlessConstructor">Whether the user wrote a parameterless constructor (the generator supplies it).</param>
public sealed record ModelSpec(
    string Namespace,
    string ClassName,
    EquatableArray<ContainingType> ContainingTypes,
    EquatableArray<LayerSpec> Layers,
    Initialization Initialization,
    bool IsPartial,
    string? DeclarationProblem,
    bool DeclarationFixableByPartial,
    bool DeclaresBaseClass,
    bool DeclaresParameterlessConstructor)
{
    /// <summary><c>Namespace.Outer.ClassName</c>: the namespace (if any), the containing types' names and the class name.</summary>
    public string FullName => string.Join(".", new[] { Namespace }.Where(n => n.Length > 0).Concat(ContainingTypes.Select(t => t.Name)).Concat(new[] { ClassName }));
}

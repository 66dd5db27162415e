using ViT.Generators.Helpers;

namespace ViT.Generators.Specs;

/// <summary>How a model class is declared: what decides whether the generator can extend it, and what it must not clash with.</summary>
/// <param name="IsPartial">Whether the class is declared <c>partial</c>.</param>
/// <param name="IsRecord">Whether it is a record (the generator writes classes only).</param>
/// <param name="IsCompiled">Whether it comes compiled from a referenced assembly (generated there already; nothing to check or write).</param>
/// <param name="Problem">Why the generator cannot extend the class (generic, static, or nested in a type it cannot re-open); null when it can.</param>
/// <param name="FixableByPartial">Whether <paramref name="Problem"/> is only that containing types are not partial, so adding <c>partial</c> to them mends it (VIT0013's code fix).</param>
/// <param name="DeclaresBaseClass">Whether the user wrote a base class, <c>object</c> included (the generator supplies it).</param>
/// <param name="ConstructorProblem">Why a constructor the user wrote cannot live with the generated one (parameterless, primary, or not calling <c>this()</c>); null when none.</param>
/// <param name="MemberNames">The names of the members and nested types the user declared, which the generated code must not reuse.</param>
/// <param name="ShadowedNamespaces">Namespaces the generated code names (<c>System</c>, <c>TorchSharp</c>, <c>ViT</c>) that a type of the same name in the global namespace hides.</param>
public sealed record ModelDeclaration(
    bool IsPartial,
    bool IsRecord,
    bool IsCompiled,
    string? Problem,
    bool FixableByPartial,
    bool DeclaresBaseClass,
    string? ConstructorProblem,
    EquatableArray<string> MemberNames,
    EquatableArray<string> ShadowedNamespaces)
{
    /// <summary>A class compiled elsewhere: nothing to check, nothing it could clash with.</summary>
    public static ModelDeclaration Compiled { get; } = new(true, false, true, null, false, false, null, EquatableArray<string>.Empty, EquatableArray<string>.Empty);
}

using ViT.Generators.Specs.Expressions;

namespace ViT.Generators.Specs;

/// <summary>One argument of a layer attribute.</summary>
/// <param name="Name">The constructor parameter's or property's name: <c>channels</c>, <c>Bias</c>.</param>
/// <param name="Value">Its value, or the expression that gives it at each use.</param>
/// <param name="Type">What the attribute takes there: <c>int</c>, <c>double</c>, <c>bool</c>, <c>string</c>, <c>Type</c>, or an enum's name.</param>
/// <param name="Written">Whether the user wrote it (false for an optional parameter's default), so the analyzer can point at it.</param>
public sealed record TemplateArgument(string Name, Expr Value, string Type, bool Written);

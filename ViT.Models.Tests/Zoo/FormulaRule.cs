namespace ViT.Models.Tests.Zoo;

/// <summary>How a formula tensor's values follow from the uniform numbers u in [-1, 1): <c>Offset + Scale * u</c>.</summary>
/// <param name="Offset">The centre: 1 for norm scales, 0.5 for layer scales, 0 otherwise.</param>
/// <param name="Scale">The half-width.</param>
public readonly record struct FormulaRule(double Offset, double Scale);

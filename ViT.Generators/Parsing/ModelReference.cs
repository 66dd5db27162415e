namespace ViT.Generators.Parsing;

/// <summary>The model named by <c>typeof(X)</c> in <c>[Layer]</c> or <c>[Residual]</c>.</summary>
/// <param name="Name">The type as the user knows it: <c>ConvBlock</c>.</param>
/// <param name="GlobalName">The type as generated code names it: <c>global::Samples.ConvBlock</c>.</param>
/// <param name="Spec">The model, read like any other; null when it cannot be a layer.</param>
/// <param name="ProblemId">Why it cannot be a layer, as a diagnostic ID (a cycle, not a ViT# model); null when it can.</param>
/// <param name="Problem">The message for <paramref name="ProblemId"/>, with the fix.</param>
public sealed record ModelReference(string Name, string GlobalName, ModelSpec? Spec, string? ProblemId = null, string? Problem = null);

namespace ViT.Generators.Specs;

/// <summary>The class named by <c>typeof(X)</c> in <c>[Layer]</c>, <c>[Residual]</c>, <c>[Repeat]</c> or a shortcut.</summary>
/// <param name="Name">The type as the user knows it: <c>Bottleneck</c>.</param>
/// <param name="GlobalName">The type as generated code names it: <c>global::Samples.Bottleneck</c>.</param>
/// <param name="FullName">Its metadata name (<see cref="ModelSpec.FullName"/>), by which the root's <see cref="ModelSpec.UsedModels"/> holds it.</param>
/// <param name="ProblemId">Why it cannot be a layer, as a diagnostic ID (not a ViT# model, abstract); null when it can.</param>
/// <param name="Problem">The message for <paramref name="ProblemId"/>, with the fix.</param>
public sealed record ModelReference(string Name, string GlobalName, string FullName, string? ProblemId = null, string? Problem = null);

namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// What the analyzer said about one model class: its VIT error and warning IDs and, when it has no error, the shape
/// after each layer that the shared core inferred (the generated code's shape comments; the first entry is the input).
/// </summary>
internal sealed record AnalyzerVerdict(IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings, IReadOnlyList<long[]> Trail);

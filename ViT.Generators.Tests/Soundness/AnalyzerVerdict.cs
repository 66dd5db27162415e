namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// What the analyzer said about one model class: its VIT error and warning IDs and, when it has no error, the shape
/// after each step that the shared core inferred, of the model and of every class used inside it, written as
/// <see cref="BuildResult.Trail"/> writes it (the generated code's shape comments; empty for a block, which has no shape
/// of its own).
/// </summary>
internal sealed record AnalyzerVerdict(IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings, IReadOnlyList<string> Trail);

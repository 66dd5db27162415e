namespace ViT.Generators.Tests.Soundness;

/// <summary>The model is too large to run in a unit test here; it is counted as skipped, not as failed.</summary>
internal sealed class TooLargeToRun(string message) : Exception(message);

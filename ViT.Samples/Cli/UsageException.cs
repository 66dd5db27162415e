namespace ViT.Samples.Cli;

/// <summary>
/// A mistake in what the user asked for that only shows once the command line has parsed (an output folder that is
/// a file, a predict without a model); the message names the value and the fix.
/// </summary>
public sealed class UsageException(string message, Exception? inner = null) : Exception(message, inner);

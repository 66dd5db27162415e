namespace ViT.Training;

/// <summary>A checkpoint that cannot be read: names the file and what is wrong with it.</summary>
public sealed class CheckpointException : IOException
{
    /// <summary>Creates the exception; the message starts with the file name.</summary>
    public CheckpointException(string filePath, string fault, Exception? inner = null)
        : base($"{filePath}: {fault}", inner)
    {
        FilePath = filePath;
    }

    /// <summary>The checkpoint that was refused.</summary>
    public string FilePath { get; }
}

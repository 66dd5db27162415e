namespace ViT.Weights;

/// <summary>A safetensors file that cannot be read: names the file and what is wrong with it.</summary>
public sealed class SafeTensorsFormatException : IOException
{
    /// <summary>Creates the exception; the message starts with the file name.</summary>
    public SafeTensorsFormatException(string filePath, string fault, Exception? inner = null)
        : base($"{filePath}: {fault}", inner)
    {
        FilePath = filePath;
    }

    /// <summary>The file that was refused.</summary>
    public string FilePath { get; }
}

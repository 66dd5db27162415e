namespace ViT.Data;

/// <summary>A data file that cannot be used: names the file and what is wrong with it.</summary>
public sealed class DataFormatException : IOException
{
    /// <summary>Creates the exception; the message starts with the file name.</summary>
    public DataFormatException(string filePath, string fault)
        : base($"{filePath}: {fault}")
    {
        FilePath = filePath;
        Fault = fault;
    }

    /// <summary>The file that was refused.</summary>
    public string FilePath { get; }

    /// <summary>What was wrong, without the file name.</summary>
    public string Fault { get; }
}

namespace ViT.IO;

/// <summary>An output folder another run is writing into (<see cref="OutputFolderLock"/>); the message names that run's process.</summary>
public sealed class FolderInUseException : IOException
{
    /// <summary>Creates the exception for <paramref name="folder"/>, held by <paramref name="owner"/>.</summary>
    public FolderInUseException(string folder, string owner)
        : base($"{folder} is in use by another run: {owner}. Two runs in one folder would overwrite each other's files; " +
               "wait for that run to end (or stop it), or write into another folder.")
    {
        Folder = folder;
        Owner = owner;
    }

    /// <summary>The folder, as the caller named it.</summary>
    public string Folder { get; }

    /// <summary>Who holds it, as that run wrote it: its process number, command line and start.</summary>
    public string Owner { get; }
}

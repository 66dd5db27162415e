namespace ViT.IO;

/// <summary>
/// One run per output folder: held while a run writes there, so a second run into the same folder is refused in one
/// line naming the first run's process, instead of both exiting 0 with each other's files. The lock is the operating
/// system's advisory lock on <c>.vit-lock</c> in the folder (released when the process ends, however it ends, so a killed
/// run never leaves the folder locked); <c>.vit-lock.owner</c> says who holds it while it is held. Taking the lock also
/// proves the folder can be created and written, and removes the temporary files killed runs left in it.
/// </summary>
public sealed class OutputFolderLock : IDisposable
{
    /// <summary>The lock file's name in the folder; it stays there, empty, between runs.</summary>
    public const string FileName = ".vit-lock";

    const string OwnerFileName = FileName + ".owner";

    readonly FileStream _lock;

    OutputFolderLock(string folder, FileStream held)
    {
        Folder = folder;
        _lock = held;
    }

    /// <summary>The folder, as the caller named it.</summary>
    public string Folder { get; }

    /// <summary>
    /// Creates <paramref name="folder"/> if needed and locks it for this run. <paramref name="report"/> hears of each
    /// temporary file a killed run left there, removed. Throws <see cref="FolderInUseException"/> when another run
    /// holds it, and an <see cref="IOException"/> naming the folder as given when it is a file or cannot be written.
    /// </summary>
    public static OutputFolderLock Acquire(string folder, Action<string>? report = null)
    {
        if (File.Exists(folder))
            throw new IOException($"{folder} is a file, but the output goes into a folder there. Move the file away, or choose another output folder.");
        FileStream held;
        try
        {
            Directory.CreateDirectory(folder);
            held = new FileStream(Path.Combine(folder, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException error) when (IsLockedByOther(error))
        {
            throw new FolderInUseException(folder, Owner(folder));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{folder}: the output folder cannot be created or written ({AtomicFile.Reason(error)}). Choose a writable folder.", error);
        }

        var acquired = new OutputFolderLock(folder, held);
        try
        {
            AtomicFile.WriteAllText(Path.Combine(folder, OwnerFileName),
                $"process {Environment.ProcessId} ({string.Join(' ', Environment.GetCommandLineArgs())}), since {DateTime.Now:yyyy-MM-dd HH:mm:ss}");
            foreach (string orphan in TemporaryFiles.DeleteOrphans(folder, recursive: true))
                report?.Invoke($"Removed {orphan}, left by a run that stopped while writing it.");
            return acquired;
        }
        catch
        {
            acquired.Dispose();
            throw;
        }
    }

    /// <summary>Releases the folder for the next run.</summary>
    public void Dispose()
    {
        // While still held, so that no new holder's note is removed.
        try { File.Delete(Path.Combine(Folder, OwnerFileName)); }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException) { /* the note is only informative */ }
        _lock.Dispose();
    }

    /// <summary>The sharing violation of a lock held elsewhere: EWOULDBLOCK from flock on Unix, ERROR_SHARING_VIOLATION on Windows.</summary>
    static bool IsLockedByOther(IOException error) => (error.HResult & 0xFFFF) is 11 or 35 or 32;

    static string Owner(string folder)
    {
        try
        {
            return File.ReadAllText(Path.Combine(folder, OwnerFileName)).Trim();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return "a process that has not yet said which";
        }
    }
}

namespace ViT.Samples.Cli;

/// <summary>The sample's output folder, created and proved writable before any work, so a bad <c>--out</c> costs nothing.</summary>
public static class OutputFolder
{
    /// <summary>Creates <paramref name="path"/> if missing and checks that a file can be written there.</summary>
    public static void Create(string path)
    {
        if (File.Exists(path))
            throw new UsageException($"--out {path} is a file; --out needs a writable folder (created if missing), such as --out out.");
        try
        {
            Directory.CreateDirectory(path);
            // Permission bits do not tell: a read-only mount or an ACL refuses the write itself.
            using var probe = new FileStream(Path.Combine(path, $".write-test-{Environment.ProcessId}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--out {path} cannot be used ({error.Message}); --out needs a writable folder (created if missing), such as --out out.", error);
        }
    }
}

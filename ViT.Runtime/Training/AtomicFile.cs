namespace ViT.Training;

/// <summary>
/// Writes a file so that it is never seen half-written: into a temporary file beside it (<c>.name.PID.tmp</c>), flushed
/// to disk, then renamed over the target. A crash leaves the old file or the new one, and at worst an orphan temporary
/// file that <see cref="DeleteOrphans"/> removes later.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes what <paramref name="write"/> puts into the stream; <paramref name="writeHook"/> lets tests fail it midway.</summary>
    public static void Write(string path, Action<Stream> write, Func<Stream, Stream>? writeHook = null)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                Stream target = writeHook?.Invoke(file) ?? file;
                write(target);
                target.Flush();
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/> atomically.</summary>
    public static void Copy(string source, string destination, Func<Stream, Stream>? writeHook = null) =>
        Write(destination, target =>
        {
            using var input = File.OpenRead(source);
            input.CopyTo(target);
        }, writeHook);

    /// <summary>
    /// Deletes the temporary files in <paramref name="folder"/> that a process which no longer runs left behind (killed
    /// during a write); returns their names. Files of a running process are left to it.
    /// </summary>
    public static IReadOnlyList<string> DeleteOrphans(string folder)
    {
        if (!Directory.Exists(folder)) return [];
        var deleted = new List<string>();
        foreach (string file in Directory.EnumerateFiles(folder, ".*.tmp"))
        {
            string[] parts = Path.GetFileName(file).Split('.');
            if (parts.Length < 4 || !int.TryParse(parts[^2], out int pid) || IsRunning(pid)) continue;
            File.Delete(file);
            deleted.Add(Path.GetFileName(file));
        }
        return deleted;
    }

    static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

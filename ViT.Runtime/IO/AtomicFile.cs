using System.Text;
using System.Text.RegularExpressions;

namespace ViT.IO;

/// <summary>
/// Writes a file so that it is never seen half-written: into a temporary file beside it with a name no other write
/// shares (<c>.NAME.PID.tID.tmp</c>), flushed to disk, then renamed over the target and the folder flushed too. A full
/// disk, an error or a crash leaves the old file or the new one, never part of one, and a killed process at worst an
/// orphan temporary file that <see cref="TemporaryFiles"/> recognises and removes on the next run. Every file ViT#
/// writes (checkpoints, safetensors, ONNX, pictures, CSV, image caches) goes through here; the folder is created as
/// needed. A failure is an <see cref="IOException"/> that names the path the caller gave, not the temporary one.
/// </summary>
public static partial class AtomicFile
{
    static long _writes;

    /// <summary>Writes what <paramref name="write"/> puts into the stream to <paramref name="path"/>, replacing it only once complete.</summary>
    public static void Write(string path, Action<Stream> write) => Write(path, write, writeHook: null);

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte-order mark) to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text));

    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/> atomically.</summary>
    public static void Copy(string source, string destination) => Copy(source, destination, writeHook: null);

    internal static void Copy(string source, string destination, Func<Stream, Stream>? writeHook) =>
        Write(destination, target =>
        {
            using var input = File.OpenRead(source);
            input.CopyTo(target);
        }, writeHook);

    /// <summary>
    /// Wraps the stream of every write on this logical thread (and the tasks it starts): a test seam for a full disk or a
    /// crash at any byte of any file. Given the target path, it returns the stream to write through, or the one given.
    /// </summary>
    internal static readonly AsyncLocal<Func<string, Stream, Stream>?> FaultInjection = new();

    /// <summary>Writes atomically; <paramref name="writeHook"/> wraps the stream (a test seam).</summary>
    internal static void Write(string path, Action<Stream> write, Func<Stream, Stream>? writeHook)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        string temporary = Path.Combine(folder, TemporaryFiles.NameFor(Path.GetFileName(full), Interlocked.Increment(ref _writes)));
        bool existed = File.Exists(full);
        try
        {
            CreateFolder(path, folder);
            var file = FileSystem(() => new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None));
            try
            {
                Stream target = writeHook?.Invoke(file) ?? file;
                target = FaultInjection.Value?.Invoke(path, target) ?? target;
                // The guard tells a failing write (a full disk) from an exception of the caller's own (a picture it could not decode).
                using var guarded = new WriteGuard(target);
                write(guarded);
                guarded.Flush();
                FileSystem(() => file.Flush(flushToDisk: true));
            }
            finally
            {
                // After a failed write, closing retries the buffered bytes and fails again: the first error is the one to report.
                try { file.Dispose(); }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException) { }
            }
            FileSystem(() => File.Move(temporary, full, overwrite: true));
            Unix.FlushFolder(folder);
        }
        catch (WriteGuard.Failure failure)
        {
            throw Failed(path, existed, failure.InnerException!);
        }
        finally
        {
            try { File.Delete(temporary); }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException) { /* the write's own error says more */ }
        }
    }

    static IOException Failed(string path, bool existed, Exception error) =>
        new IOException($"{path}: could not be written ({Reason(error)}); " +
            (existed ? "the earlier file is unchanged." : "no file was left there."), error);

    /// <summary>Runs a file-system step, marking its failure as the write's.</summary>
    static T FileSystem<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new WriteGuard.Failure(error);
        }
    }

    static void FileSystem(Action step) => FileSystem(() => { step(); return 0; });

    /// <summary>Creates <paramref name="folder"/>; a file in the way is named with the path the caller gave.</summary>
    static void CreateFolder(string path, string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{path}: its folder cannot be created ({Reason(error)}); choose a writable folder.", error);
        }
    }

    /// <summary>The operating system's reason without the paths it quotes (which would name the temporary file).</summary>
    internal static string Reason(Exception error) => QuotedPath().Replace(error.Message, "").TrimEnd('.', ' ');

    [GeneratedRegex(@"\s*:?\s*'[^']*'")]
    private static partial Regex QuotedPath();
}

using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ViT.IO;

/// <summary>
/// The temporary files <see cref="AtomicFile"/> writes beside their targets (<c>.NAME.PID.tID.tmp</c>), and those a killed
/// process left: a file whose process no longer runs (or whose process number now belongs to a process started after
/// the file was last written) is an orphan, and removing it loses nothing, since the target was never replaced by it.
/// Names of earlier versions (<c>.NAME.PID.tmp</c>, <c>NAME.PID.tmp</c>) are recognised too.
/// </summary>
public static partial class TemporaryFiles
{
    /// <summary>The temporary name of the <paramref name="id"/>-th write of this process to <paramref name="fileName"/>.</summary>
    internal static string NameFor(string fileName, long id) => $".{fileName}.{Environment.ProcessId}.t{id:x}.tmp";

    /// <summary>
    /// Deletes the orphan temporary files in <paramref name="folder"/> (and, when <paramref name="recursive"/>, in its
    /// sub-folders, not following links) and returns their paths under <paramref name="folder"/> as given. Files of
    /// running processes are left to them.
    /// </summary>
    public static IReadOnlyList<string> DeleteOrphans(string folder, bool recursive = false)
    {
        if (!Directory.Exists(folder)) return [];
        var options = new EnumerationOptions { RecurseSubdirectories = recursive, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseSensitive };
        var deleted = new List<string>();
        foreach (string file in Directory.EnumerateFiles(folder, "*.tmp", options))
        {
            var match = Pattern().Match(Path.GetFileName(file));
            if (!match.Success || !int.TryParse(match.Groups["pid"].Value, out int pid) || IsRunning(pid, File.GetLastWriteTimeUtc(file))) continue;
            try
            {
                File.Delete(file);
                deleted.Add(file);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // read-only data or a race with another sweep: the file stays, which costs only its space
            }
        }
        return deleted;
    }

    /// <summary>Whether process <paramref name="pid"/> runs and is the one that could have written a file last changed at <paramref name="writtenUtc"/>.</summary>
    static bool IsRunning(int pid, DateTime writtenUtc)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var process = Process.GetProcessById(pid);
            // Process start times are known to about a second (the boot time is in whole seconds): allow for that.
            return !process.HasExited && process.StartTime.ToUniversalTime() <= writtenUtc.AddSeconds(2);
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^\.?.+\.(?<pid>[0-9]+)(\.t[0-9a-f]+)?\.tmp$")]
    private static partial Regex Pattern();
}

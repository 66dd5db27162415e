using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ViT.Benchmarks.Timing;

/// <summary>
/// The process's peak resident set (working set). On Linux the peak can be reset (writing 5 to
/// <c>/proc/self/clear_refs</c> sets VmHWM to the current RSS), and glibc can be asked to return the memory it keeps
/// for reuse (<c>malloc_trim</c>), so each model's peak is its own rather than what the models before it left in the
/// allocator; elsewhere the peak is the process's since it started.
/// </summary>
public static class PeakMemory
{
    [DllImport("libc", EntryPoint = "malloc_trim")]
    static extern int MallocTrim(nuint pad);

    /// <summary>Frees what can be freed and starts a new peak from the current resident set, where the system allows it.</summary>
    public static void Reset()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            MallocTrim(0);
        }
        catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc: the allocator keeps what it keeps.
        }

        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Not resettable here (an old kernel or a restricted container): the peak stays the process's.
        }
    }

    /// <summary>The peak resident set in MiB since the last <see cref="Reset"/> (or since the process started).</summary>
    public static double PeakMegabytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / (1024.0 * 1024.0);
    }

    /// <summary>The current resident set in MiB.</summary>
    public static double CurrentMegabytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / (1024.0 * 1024.0);
    }
}

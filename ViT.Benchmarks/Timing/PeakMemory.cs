using System.Diagnostics;

namespace ViT.Benchmarks.Timing;

/// <summary>
/// The process's peak resident set (working set). On Linux the peak can be reset (writing 5 to
/// <c>/proc/self/clear_refs</c> sets VmHWM to the current RSS), so each model's peak is its own; elsewhere the peak
/// is the process's since it started.
/// </summary>
public static class PeakMemory
{
    /// <summary>Starts a new peak from the current resident set, where the system allows it.</summary>
    public static void Reset()
    {
        try
        {
            if (OperatingSystem.IsLinux()) File.WriteAllText("/proc/self/clear_refs", "5");
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

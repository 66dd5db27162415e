using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ViT.Benchmarks.Timing;

/// <summary>
/// CPU time of the calling thread. With one intra-op thread, libtorch runs every kernel, forward and backward, on the
/// caller's thread, so this clock counts the work and not the waiting: on a machine shared with other jobs it stays
/// close to the idle machine's wall time while the wall clock stretches with the load. (With more threads the other
/// threads' work is not counted; use the wall clock on an idle machine then.)
/// On systems without <c>CLOCK_THREAD_CPUTIME_ID</c> it falls back to the process's CPU time.
/// </summary>
public static class ThreadCpuClock
{
    const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
    static extern int ClockGetTime(int clock, out TimeSpec time);

    static readonly bool Available = OperatingSystem.IsLinux() && Probe();

    /// <summary>The calling thread's CPU time so far, in milliseconds.</summary>
    public static double NowMs()
    {
        if (Available && ClockGetTime(ClockThreadCpuTimeId, out var time) == 0) return time.Seconds * 1e3 + time.Nanoseconds / 1e6;
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalMilliseconds;
    }

    static bool Probe()
    {
        try
        {
            return ClockGetTime(ClockThreadCpuTimeId, out _) == 0;
        }
        catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }
}

namespace ViT.Benchmarks.Timing;

/// <summary>
/// The system's load average, printed next to timings: on a shared machine, more runnable threads than cores make
/// multi-threaded kernels wait for each other, and the numbers of such a run say little about the code.
/// </summary>
public static class MachineLoad
{
    /// <summary>The 1-minute load average and the core count, as <c>load 1.23 on 2 cores</c>; empty where unknown.</summary>
    public static string Describe()
    {
        try
        {
            string first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return $"load {first} on {Environment.ProcessorCount} cores";
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}

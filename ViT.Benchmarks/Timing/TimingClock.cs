namespace ViT.Benchmarks.Timing;

/// <summary>Which clock the reported milliseconds come from.</summary>
public enum TimingClock
{
    /// <summary>Elapsed time: what a user waits for; meaningful on an otherwise idle machine.</summary>
    Wall,

    /// <summary>The timing thread's CPU time (<see cref="ThreadCpuClock"/>): with one intra-op thread it measures the
    /// work even while other jobs load the machine.</summary>
    Cpu,
}

using System.Runtime.InteropServices;

namespace ViT.Training;

/// <summary>
/// Keeps the memory a CPU training step frees for the next step. libtorch allocates every activation and gradient
/// with malloc; glibc maps blocks over its mmap threshold (128 KiB, rising with the blocks freed to at most 32 MiB)
/// afresh and unmaps them when freed, and gives the top of its heap back to the system once more than its trim
/// threshold (twice the other) is free there, so a step that frees enough maps the same megabytes again and touches
/// every page for the first time (malloc and page faults were 10-24% of a step in the profile). Fixing both thresholds keeps the step's memory in the heap: the tutorial model's float32 step took 18%
/// less time (docs/performance.md). It is process-wide and cannot be undone (setting a threshold turns glibc's
/// adjustment off for good), so the trainer applies it for CPU training unless told not to.
/// </summary>
public static class NativeHeap
{
    // glibc's malloc.h: the mallopt parameters.
    const int TrimThreshold = -1, MmapThreshold = -3;

    /// <summary>Blocks up to this size come from the heap; glibc's own limit for the threshold on 64-bit systems.</summary>
    public const int HeapBlockLimit = 32 << 20;

    static readonly Lazy<bool> Applied = new(Apply);

    /// <summary>
    /// Fixes glibc's thresholds once per process; true when they are in force (Linux with glibc), false elsewhere,
    /// where nothing changes.
    /// </summary>
    public static bool KeepFreedMemory() => Applied.Value;

    static bool Apply()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return mallopt(MmapThreshold, HeapBlockLimit) == 1 && mallopt(TrimThreshold, int.MaxValue) == 1;
        }
        catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // a C library without mallopt (musl has one that does nothing and says so)
        }
    }

    [DllImport("libc", ExactSpelling = true)]
    static extern int mallopt(int parameter, int value);
}

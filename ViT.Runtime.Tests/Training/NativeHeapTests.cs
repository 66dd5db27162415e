using System.Runtime.InteropServices;
using ViT.Training;

namespace ViT.Runtime.Tests.Training;

/// <summary>
/// <see cref="NativeHeap.KeepFreedMemory"/> must make a freed block's memory serve the next allocation of its size
/// without touching new pages: that is what saves a CPU training step its page faults. Counted with the calling
/// thread's own minor page faults (getrusage), so other threads of the test run cannot add to the count.
/// </summary>
public sealed class NativeHeapTests
{
    const int BlockBytes = 8 << 20;
    const int PageBytes = 4096;

    [Fact]
    public void Freed_blocks_serve_the_next_allocation_without_new_page_faults()
    {
        if (!OperatingSystem.IsLinux()) return; // glibc's allocator is Linux's; elsewhere the trainer changes nothing
        Assert.True(NativeHeap.KeepFreedMemory(), "mallopt was not found or refused the thresholds");

        TouchAndFree(); // the first block may take fresh pages from the system
        long before = ThreadMinorFaults();
        TouchAndFree();
        long faults = ThreadMinorFaults() - before;

        // Without the fix glibc maps the block afresh and every page faults again (2,048 for 8 MiB).
        long pages = BlockBytes / PageBytes;
        Assert.True(faults < pages / 8, $"allocating and touching a freed 8 MiB block again took {faults} page faults of {pages} pages");
    }

    static void TouchAndFree()
    {
        IntPtr block = Marshal.AllocHGlobal(BlockBytes); // malloc on Linux
        try
        {
            for (int offset = 0; offset < BlockBytes; offset += PageBytes) Marshal.WriteByte(block, offset, 1);
        }
        finally
        {
            Marshal.FreeHGlobal(block);
        }
    }

    // struct rusage on 64-bit Linux: two timevals (4 longs), then longs: maxrss, ixrss, idrss, isrss, minflt, ...
    const int RusageThread = 1, RusageLongs = 18, MinorFaultsIndex = 8;

    static long ThreadMinorFaults()
    {
        var usage = new long[RusageLongs];
        if (getrusage(RusageThread, usage) != 0) throw new InvalidOperationException("getrusage failed");
        return usage[MinorFaultsIndex];
    }

    [DllImport("libc", ExactSpelling = true)]
    static extern int getrusage(int who, [Out] long[] usage);
}

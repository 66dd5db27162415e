using System.Diagnostics;
using ViT.IO;
using ViT.Runtime.Tests.Training;

namespace ViT.Runtime.Tests.IO;

/// <summary>
/// A small file system for disk-full tests: a tmpfs of the given number of 4 KiB pages, mounted by the test where it runs
/// as root and may mount (CI does); elsewhere a temporary folder whose writes fail, as a full tmpfs of that size would,
/// once its files' pages fill it (a size-limited fault injector in <see cref="AtomicFile"/>'s stream). <see cref="Kind"/>
/// says which ran.
/// </summary>
sealed class SmallDisk : IDisposable
{
    const int Page = 4096;
    readonly long _capacity;

    SmallDisk(string folder, long capacity, bool mounted)
    {
        Folder = folder;
        _capacity = capacity;
        Mounted = mounted;
        if (!mounted)
            AtomicFile.FaultInjection.Value = (path, stream) =>
                Path.GetFullPath(path).StartsWith(Folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? new FailingStream(stream, (int)Math.Max(0, _capacity - UsedBytes())) : stream;
    }

    public string Folder { get; }

    public bool Mounted { get; }

    public string Kind => Mounted ? "tmpfs" : "fault injector (mounting a tmpfs needs root)";

    /// <summary>A disk of <paramref name="pages"/> pages of 4 KiB.</summary>
    public static SmallDisk Create(int pages)
    {
        string folder = Directory.CreateTempSubdirectory("vit-small-disk-").FullName;
        return new SmallDisk(folder, (long)pages * Page, TryMount(folder, (long)pages * Page));
    }

    /// <summary>The pages a file of <paramref name="bytes"/> takes.</summary>
    public static int PagesFor(long bytes) => (int)Math.Max(1, (bytes + Page - 1) / Page);

    long UsedBytes() => Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories).Sum(file => (long)PagesFor(new FileInfo(file).Length) * Page);

    static bool TryMount(string folder, long bytes)
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root") return false;
        try
        {
            using var mount = Process.Start(new ProcessStartInfo("mount", ["-t", "tmpfs", "-o", $"size={bytes}", "tmpfs", folder]) { RedirectStandardError = true })!;
            mount.WaitForExit();
            return mount.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no mount command
        }
    }

    public void Dispose()
    {
        AtomicFile.FaultInjection.Value = null;
        if (Mounted)
        {
            using var umount = Process.Start("umount", ["-l", Folder]);
            umount.WaitForExit();
        }
        Directory.Delete(Folder, recursive: true);
    }
}

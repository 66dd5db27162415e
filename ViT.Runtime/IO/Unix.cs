using System.Runtime.InteropServices;

namespace ViT.IO;

/// <summary>The few POSIX calls .NET does not offer: flushing a folder's entries to disk, a path with every link resolved, raw file names.</summary>
internal static partial class Unix
{
    static bool IsPosix => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD();

    /// <summary>Makes a rename in <paramref name="folder"/> durable (fsync of the folder); a no-op where folders cannot be opened.</summary>
    public static void FlushFolder(string folder)
    {
        if (!IsPosix) return;
        int fd = open(folder, 0 /* O_RDONLY */);
        if (fd < 0) return; // the rename happened; durability is best effort where the folder cannot be opened
        fsync(fd);
        close(fd);
    }

    /// <summary>
    /// <paramref name="path"/> absolute, with every symbolic link and <c>..</c> resolved (POSIX <c>realpath</c>); null when it
    /// does not exist (a dangling link). Elsewhere the full path with its final link resolved.
    /// </summary>
    public static string? RealPath(string path)
    {
        if (!IsPosix)
        {
            var info = new FileInfo(path);
            if (!info.Exists && !Directory.Exists(path)) return null;
            return (info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true))?.FullName;
        }
        nint resolved = realpath(path, 0);
        if (resolved == 0) return null;
        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            free(resolved);
        }
    }

    /// <summary>
    /// The names in <paramref name="folder"/> as the bytes the file system holds (Linux only; empty elsewhere): for naming
    /// a file whose name is not UTF-8, which .NET shows with replacement characters and cannot open.
    /// </summary>
    public static IEnumerable<byte[]> RawNames(string folder)
    {
        if (!OperatingSystem.IsLinux()) yield break;
        nint directory = opendir(folder);
        if (directory == 0) yield break;
        try
        {
            for (nint entry; (entry = readdir64(directory)) != 0;)
            {
                const int NameOffset = 19; // struct dirent64: d_ino, d_off (8 bytes each), d_reclen (2), d_type (1), d_name
                int length = 0;
                while (Marshal.ReadByte(entry, NameOffset + length) != 0) length++;
                var name = new byte[length];
                Marshal.Copy(entry + NameOffset, name, 0, length);
                yield return name;
            }
        }
        finally
        {
            closedir(directory);
        }
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint opendir(string path);

    [LibraryImport("libc")]
    private static partial nint readdir64(nint directory);

    [LibraryImport("libc")]
    private static partial int closedir(nint directory);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc")]
    private static partial int fsync(int fd);

    [LibraryImport("libc")]
    private static partial int close(int fd);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint realpath(string path, nint resolved);

    [LibraryImport("libc")]
    private static partial void free(nint pointer);
}

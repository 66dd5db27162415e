using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace ViT.Runtime.Tests.Data;

/// <summary>Files a hostile or careless user leaves in an image folder: FIFOs, names that are not UTF-8, bombs, links, fixed-size BMPs.</summary>
static partial class HostileFiles
{
    /// <summary>A FIFO at <paramref name="path"/>: opening it for reading waits for a writer forever.</summary>
    public static void Fifo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (mkfifo(path, 0x1A4 /* 0644 */) != 0) throw new IOException($"mkfifo {path} failed: {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>A file in <paramref name="folder"/> whose name is <paramref name="name"/>'s bytes, which need not be UTF-8.</summary>
    public static void RawName(string folder, byte[] name)
    {
        Directory.CreateDirectory(folder);
        byte[] path = [.. Encoding.UTF8.GetBytes(folder + "/"), .. name, 0];
        int fd = creat(path, 0x1A4);
        if (fd < 0) throw new IOException($"creat failed: {Marshal.GetLastPInvokeError()}");
        _ = write(fd, [1, 2, 3], 3);
        _ = close(fd);
    }

    /// <summary>A small PNG whose header declares <paramref name="width"/> × <paramref name="height"/> pixels (a decompression bomb's header).</summary>
    public static void Bomb(string path, int width, int height)
    {
        var png = new List<byte>([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "IDAT", [0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]); // a zlib stream of one zero byte
        Chunk(png, "IEND", []);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, png.ToArray());
    }

    /// <summary>A 24-bit BMP of one gray level: its size depends on its width and height only, so a rewrite keeps the size.</summary>
    public static void GrayBmp(string path, int size, byte level)
    {
        int row = (size * 3 + 3) / 4 * 4;
        var bmp = new byte[54 + row * size];
        bmp[0] = (byte)'B';
        bmp[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), size);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), size);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);
        for (int y = 0; y < size; y++) bmp.AsSpan(54 + y * row, size * 3).Fill(level);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bmp);
    }

    static void Chunk(List<byte> png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.AddRange(length);
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        png.AddRange(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.HashToUInt32(typed));
        png.AddRange(crc);
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int mkfifo(string path, uint mode);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int creat(byte[] path, uint mode);

    [LibraryImport("libc")]
    private static partial nint write(int fd, byte[] buffer, nint count);

    [LibraryImport("libc")]
    private static partial int close(int fd);
}

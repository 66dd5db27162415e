using System.Buffers.Binary;
using System.Text;

namespace ViT.Data;

/// <summary>
/// The file an image folder is decoded into once: a header (<c>VITIMGS1</c>, count, C, H, W as little-endian int32),
/// one int32 label per image, then every image's <c>C·H·W</c> bytes. Written under a temporary name and moved into
/// place, so a cache file is complete or absent.
/// </summary>
internal static class ImageCacheFile
{
    static readonly byte[] Magic = Encoding.ASCII.GetBytes("VITIMGS1");
    const int HeaderLength = 8 + 4 * 4;

    public sealed record Contents(ImageShape Shape, int[] Labels, long PixelsOffset)
    {
        public long PixelBytes => Labels.Length * Shape.Elements;
    }

    /// <summary>Writes the images, decoded in order, a chunk at a time, by <paramref name="decodeChunk"/>, and returns the cache's contents.</summary>
    public static Contents Write(string path, ImageShape shape, int count, Func<int, int, IReadOnlyList<(byte[] Pixels, int Label)>> decodeChunk)
    {
        string temporary = $"{path}.{Environment.ProcessId}.tmp";
        var labels = new List<int>(count);
        try
        {
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite))
            {
                // Labels come before the pixels: reserve their room, write the pixels, then go back for header and labels.
                file.Position = HeaderLength + 4L * count;
                const int chunk = 256;
                for (int start = 0; start < count; start += chunk)
                {
                    foreach (var (pixels, label) in decodeChunk(start, Math.Min(chunk, count - start)))
                    {
                        file.Write(pixels);
                        labels.Add(label);
                    }
                }
                long pixelsEnd = file.Position;
                file.Position = 0;
                file.Write(Header(shape, labels.Count));
                file.Write(LabelBytes(labels));
                // Skipped images leave the reserved label room too large: close the gap by moving the pixels up.
                if (labels.Count < count) Compact(file, HeaderLength + 4L * count, HeaderLength + 4L * labels.Count, pixelsEnd);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
        return new Contents(shape, labels.ToArray(), HeaderLength + 4L * labels.Count);
    }

    /// <summary>The cache's shape and labels, or null when the file is missing or not a complete cache (then it is made again).</summary>
    public static Contents? TryRead(string path)
    {
        if (!File.Exists(path)) return null;
        using var file = File.OpenRead(path);
        var header = new byte[HeaderLength];
        if (file.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false) < HeaderLength || !header.AsSpan(0, 8).SequenceEqual(Magic)) return null;
        int count = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8));
        var shape = new ImageShape(BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12)), BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(16)), BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(20)));
        if (count < 0 || shape.Elements <= 0 || file.Length != HeaderLength + 4L * count + count * shape.Elements) return null;
        var labelBytes = new byte[4 * count];
        file.ReadExactly(labelBytes);
        var labels = new int[count];
        for (int i = 0; i < count; i++) labels[i] = BinaryPrimitives.ReadInt32LittleEndian(labelBytes.AsSpan(4 * i));
        return new Contents(shape, labels, HeaderLength + 4L * count);
    }

    static byte[] Header(ImageShape shape, int count)
    {
        var header = new byte[HeaderLength];
        Magic.CopyTo(header, 0);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), count);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), shape.Channels);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), shape.Height);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(20), shape.Width);
        return header;
    }

    static byte[] LabelBytes(List<int> labels)
    {
        var bytes = new byte[4 * labels.Count];
        for (int i = 0; i < labels.Count; i++) BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4 * i), labels[i]);
        return bytes;
    }

    static void Compact(FileStream file, long from, long to, long end)
    {
        var buffer = new byte[1 << 20];
        for (long offset = 0; from + offset < end; offset += buffer.Length)
        {
            file.Position = from + offset;
            int read = file.ReadAtLeast(buffer, (int)Math.Min(buffer.Length, end - from - offset), throwOnEndOfStream: false);
            file.Position = to + offset;
            file.Write(buffer, 0, read);
        }
        file.SetLength(to + (end - from));
    }
}

using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using ViT.IO;

namespace ViT.Data;

/// <summary>
/// The file an image folder is decoded into once: every image's <c>C·H·W</c> bytes, one int32 label per image, then a
/// trailer: <c>VITIMGS2</c>, count, C, H, W (little-endian int32), the 32-byte key of the sources it was decoded from
/// (a hash of their contents, labels and the decoding settings), and an XxHash128 checksum of the pixels and labels.
/// Written in one pass through <see cref="AtomicFile"/>, so a cache is complete or absent; read back only when its key
/// matches and its checksum verifies, so a stale or damaged cache is decoded again, never used.
/// </summary>
internal static class ImageCacheFile
{
    static readonly byte[] Magic = Encoding.ASCII.GetBytes("VITIMGS2");
    const int KeyLength = 32, ChecksumLength = 16;
    const int TrailerLength = 8 + 4 * 4 + KeyLength + ChecksumLength;

    /// <summary>What a cache holds: the shape, the labels and, when they were asked for, the pixels.</summary>
    public sealed record Contents(ImageShape Shape, int[] Labels, byte[]? Pixels)
    {
        public long PixelBytes => Labels.Length * Shape.Elements;
    }

    /// <summary>
    /// Writes the images, decoded in order a chunk at a time by <paramref name="decodeChunk"/>, under <paramref name="key"/>,
    /// and returns the cache's labels.
    /// </summary>
    public static int[] Write(string path, ImageShape shape, int count, byte[] key, Func<int, int, IReadOnlyList<(byte[] Pixels, int Label)>> decodeChunk)
    {
        var labels = new List<int>(count);
        AtomicFile.Write(path, file =>
        {
            var checksum = new XxHash128();
            const int chunk = 256;
            for (int start = 0; start < count; start += chunk)
            {
                foreach (var (pixels, label) in decodeChunk(start, Math.Min(chunk, count - start)))
                {
                    file.Write(pixels);
                    checksum.Append(pixels);
                    labels.Add(label);
                }
            }
            byte[] labelBytes = LabelBytes(labels);
            file.Write(labelBytes);
            checksum.Append(labelBytes);
            file.Write(Trailer(shape, labels.Count, key, checksum.GetCurrentHash()));
        });
        return labels.ToArray();
    }

    /// <summary>
    /// The cache at <paramref name="path"/> when it was made from <paramref name="key"/>'s sources and its checksum
    /// verifies; otherwise null and, for a file that is there but cannot be used, <paramref name="problem"/> says why.
    /// <paramref name="pixelLimit"/>: the pixels are returned when they take at most this many bytes.
    /// </summary>
    public static Contents? TryRead(string path, byte[] key, long pixelLimit, out string? problem)
    {
        problem = null;
        if (!File.Exists(path)) return null;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        if (file.Length < TrailerLength) return Refuse($"{file.Length} bytes is shorter than its trailer", out problem);
        var trailer = new byte[TrailerLength];
        file.Position = file.Length - TrailerLength;
        file.ReadExactly(trailer);
        if (!trailer.AsSpan(0, 8).SequenceEqual(Magic)) return Refuse("no cache trailer (an older format, or damaged)", out problem);
        int count = BinaryPrimitives.ReadInt32LittleEndian(trailer.AsSpan(8));
        var shape = new ImageShape(BinaryPrimitives.ReadInt32LittleEndian(trailer.AsSpan(12)), BinaryPrimitives.ReadInt32LittleEndian(trailer.AsSpan(16)),
            BinaryPrimitives.ReadInt32LittleEndian(trailer.AsSpan(20)));
        if (count < 0 || shape.Channels <= 0 || shape.Height <= 0 || shape.Width <= 0 || file.Length != (long)count * shape.Elements + 4L * count + TrailerLength)
            return Refuse("its length does not match the count and shape its trailer states", out problem);
        if (!trailer.AsSpan(24, KeyLength).SequenceEqual(key)) return Refuse("it was decoded from other files or settings", out problem);

        long pixelBytes = (long)count * shape.Elements;
        byte[]? pixels = pixelBytes <= pixelLimit ? new byte[pixelBytes] : null;
        var checksum = new XxHash128();
        file.Position = 0;
        var buffer = new byte[1 << 20];
        for (long done = 0; done < pixelBytes;)
        {
            var span = pixels is null ? buffer.AsSpan(0, (int)Math.Min(buffer.Length, pixelBytes - done)) : pixels.AsSpan((int)done, (int)Math.Min(buffer.Length, pixelBytes - done));
            file.ReadExactly(span);
            checksum.Append(span);
            done += span.Length;
        }
        var labelBytes = new byte[4L * count];
        file.ReadExactly(labelBytes);
        checksum.Append(labelBytes);
        if (!checksum.GetCurrentHash().AsSpan().SequenceEqual(trailer.AsSpan(24 + KeyLength, ChecksumLength)))
            return Refuse("its checksum does not match its contents (the file was damaged)", out problem);

        var labels = new int[count];
        for (int i = 0; i < count; i++) labels[i] = BinaryPrimitives.ReadInt32LittleEndian(labelBytes.AsSpan(4 * i));
        return new Contents(shape, labels, pixels);
    }

    static Contents? Refuse(string why, out string? problem)
    {
        problem = why;
        return null;
    }

    static byte[] Trailer(ImageShape shape, int count, byte[] key, byte[] checksum)
    {
        var trailer = new byte[TrailerLength];
        Magic.CopyTo(trailer, 0);
        BinaryPrimitives.WriteInt32LittleEndian(trailer.AsSpan(8), count);
        BinaryPrimitives.WriteInt32LittleEndian(trailer.AsSpan(12), shape.Channels);
        BinaryPrimitives.WriteInt32LittleEndian(trailer.AsSpan(16), shape.Height);
        BinaryPrimitives.WriteInt32LittleEndian(trailer.AsSpan(20), shape.Width);
        key.CopyTo(trailer, 24);
        checksum.CopyTo(trailer, 24 + KeyLength);
        return trailer;
    }

    static byte[] LabelBytes(List<int> labels)
    {
        var bytes = new byte[4 * labels.Count];
        for (int i = 0; i < labels.Count; i++) BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4 * i), labels[i]);
        return bytes;
    }
}

using System.Buffers.Binary;
using System.IO.Compression;

namespace ViT.Data;

/// <summary>
/// Reads the IDX format of MNIST and its relatives (Fashion-MNIST, KMNIST, EMNIST): a big-endian
/// magic number whose third byte is the element type (0x08, unsigned bytes) and fourth the rank,
/// one big-endian int32 per dimension, then the data. Files may be gzipped or raw.
/// </summary>
public static class IdxFile
{
    const byte UnsignedByteType = 0x08;

    /// <summary>Reads unsigned-byte images of rank 3 (<c>count × height × width</c>).</summary>
    public static IdxData ReadImages(string path) => Read(path, expectedRank: 3);

    /// <summary>Reads unsigned-byte labels of rank 1.</summary>
    public static IdxData ReadLabels(string path) => Read(path, expectedRank: 1);

    /// <summary>Reads an unsigned-byte IDX file of the given rank, gzipped or not.</summary>
    public static IdxData Read(string path, int expectedRank)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: IDX file not found. Pass the folder that holds it (for example --data DIR).", path);

        byte[] bytes = Decompress(path, File.ReadAllBytes(path));
        if (bytes.Length < 4)
            throw new DataFormatException(path, $"truncated: {bytes.Length} bytes is too short for an IDX header.");
        if (bytes[0] != 0 || bytes[1] != 0 || bytes[2] != UnsignedByteType || bytes[3] != expectedRank)
        {
            uint magic = BinaryPrimitives.ReadUInt32BigEndian(bytes);
            uint expected = (uint)(UnsignedByteType << 8 | expectedRank);
            throw new DataFormatException(path,
                $"wrong magic number 0x{magic:X8}; an unsigned-byte IDX file of rank {expectedRank} starts with 0x{expected:X8}.");
        }

        int headerLength = 4 + 4 * expectedRank;
        if (bytes.Length < headerLength)
            throw new DataFormatException(path, $"truncated: the header needs {headerLength} bytes but the file has {bytes.Length}.");

        var dimensions = new int[expectedRank];
        long elementCount = 1;
        for (int i = 0; i < expectedRank; i++)
        {
            dimensions[i] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * i));
            if (dimensions[i] < 0)
                throw new DataFormatException(path, $"dimension {i} is negative ({dimensions[i]}).");
            elementCount *= dimensions[i];
        }

        long available = bytes.Length - headerLength;
        if (available < elementCount)
            throw new DataFormatException(path,
                $"truncated: the header promises {elementCount:N0} bytes of data ({string.Join(" x ", dimensions)}) but only {available:N0} follow.");
        if (available > elementCount)
            throw new DataFormatException(path,
                $"{available - elementCount:N0} unexpected bytes after the {elementCount:N0} bytes of data the header promises.");

        return new IdxData(dimensions, bytes.AsMemory(headerLength, (int)elementCount));
    }

    static byte[] Decompress(string path, byte[] bytes)
    {
        bool gzipped = bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;
        if (!gzipped) return bytes;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var raw = new MemoryStream();
            gzip.CopyTo(raw);
            return raw.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, $"corrupt gzip stream ({e.Message}).");
        }
        catch (EndOfStreamException)
        {
            throw new DataFormatException(path, "truncated gzip stream.");
        }
    }
}

using System.Buffers.Binary;
using System.IO.Compression;

namespace ViT.Data;

/// <summary>
/// Reads the IDX format of MNIST and its relatives (Fashion-MNIST, KMNIST, EMNIST): a big-endian
/// magic number whose third byte is the element type (0x08, unsigned bytes) and fourth the rank,
/// one big-endian int32 per dimension, then the data. Files may be gzipped or raw.
/// Nothing past what the header promises is ever inflated or allocated.
/// </summary>
public static class IdxFile
{
    const byte UnsignedByteType = 0x08;

    // Deflate cannot expand data by more than about 1032 to 1 (258-byte matches coded in 2 bits); a gzip file
    // whose header promises more than that is corrupt, and is refused before anything is allocated.
    const long MaxDeflateRatio = 1032;

    /// <summary>Reads unsigned-byte images: rank 3 (<c>count × height × width</c>) or rank 4 (<c>count × channels × height × width</c>).</summary>
    public static IdxData ReadImages(string path) => Read(path, 3, 4);

    /// <summary>Reads unsigned-byte labels of rank 1.</summary>
    public static IdxData ReadLabels(string path) => Read(path, 1);

    /// <summary>Reads an unsigned-byte IDX file of one of the given ranks, gzipped or not.</summary>
    public static IdxData Read(string path, params int[] acceptedRanks)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: IDX file not found. Pass the folder that holds it (for example --data DIR).", path);

        using var file = File.OpenRead(path);
        bool gzipped = IsGzip(file);
        using Stream stream = gzipped ? new GZipStream(file, CompressionMode.Decompress) : file;
        try
        {
            return Read(path, stream, gzipped, file.Length, acceptedRanks);
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, $"corrupt gzip stream ({e.Message}).");
        }
    }

    static IdxData Read(string path, Stream stream, bool gzipped, long fileLength, int[] acceptedRanks)
    {
        var magic = new byte[4];
        int got = stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        if (got < magic.Length)
            throw new DataFormatException(path, $"truncated: {got} bytes is too short for an IDX header.");
        int rank = magic[3];
        if (magic[0] != 0 || magic[1] != 0 || magic[2] != UnsignedByteType || !acceptedRanks.Contains(rank))
        {
            string expected = string.Join(" or ", acceptedRanks.Select(r => $"0x{UnsignedByteType << 8 | r:X8}"));
            throw new DataFormatException(path,
                $"wrong magic number 0x{BinaryPrimitives.ReadUInt32BigEndian(magic):X8}; an unsigned-byte IDX file of rank {string.Join(" or ", acceptedRanks)} starts with {expected}.");
        }

        int headerLength = 4 + 4 * rank;
        var header = new byte[4 * rank];
        got = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (got < header.Length)
            throw new DataFormatException(path, $"truncated: the header needs {headerLength} bytes but the file has {4 + got}.");

        var dimensions = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            dimensions[i] = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 * i));
            if (dimensions[i] < 0) throw new DataFormatException(path, $"dimension {i} is negative ({dimensions[i]}).");
        }
        if (dimensions[0] == 0)
            throw new DataFormatException(path, "holds 0 examples (its first dimension is 0); a data set needs at least one. Replace the file with a complete copy.");
        if (dimensions.Contains(0))
            throw new DataFormatException(path, $"has an empty dimension ({Describe(dimensions)}); every image needs at least one pixel.");

        long elementCount = ElementCount(path, dimensions);
        if (!gzipped && fileLength - headerLength < elementCount)
            throw Truncated(path, dimensions, elementCount, fileLength - headerLength);
        if (gzipped && elementCount > fileLength * MaxDeflateRatio)
            throw new DataFormatException(path,
                $"the header promises {elementCount:N0} bytes of data ({Describe(dimensions)}) but a gzip file of {fileLength:N0} bytes cannot inflate to that many; the file is corrupt.");

        var elements = new byte[elementCount];
        int read = stream.ReadAtLeast(elements, elements.Length, throwOnEndOfStream: false);
        if (read < elementCount) throw Truncated(path, dimensions, elementCount, read);
        if (stream.ReadByte() >= 0)
        {
            string extra = gzipped ? "it inflates to more" : $"{fileLength - headerLength - elementCount:N0} unexpected bytes follow";
            throw new DataFormatException(path,
                $"{extra} than the {elementCount:N0} bytes of data its header promises ({Describe(dimensions)}); the file is corrupt or not this data set's.");
        }

        return new IdxData(dimensions, elements);
    }

    /// <summary>The product of the dimensions, refused when it is more than one array can hold (or overflows).</summary>
    static long ElementCount(string path, int[] dimensions)
    {
        long count = 1;
        foreach (int dimension in dimensions)
        {
            // Each factor is below 2^31, so the product only needs checking against the limit after each step.
            count *= dimension;
            if (count > Array.MaxLength)
                throw new DataFormatException(path,
                    $"the header's dimensions {Describe(dimensions)} describe more than {Array.MaxLength:N0} bytes, more than one file of images can hold; the header is corrupt.");
        }
        return count;
    }

    static DataFormatException Truncated(string path, int[] dimensions, long promised, long available) =>
        new(path, $"truncated: the header promises {promised:N0} bytes of data ({Describe(dimensions)}) but only {available:N0} follow.");

    static string Describe(int[] dimensions) => string.Join(" x ", dimensions);

    static bool IsGzip(FileStream file)
    {
        Span<byte> start = stackalloc byte[2];
        int read = file.ReadAtLeast(start, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 2 && start[0] == 0x1f && start[1] == 0x8b;
    }
}

using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

using ViT.IO;

namespace ViT.Weights;

/// <summary>
/// The Hugging Face safetensors format: an 8-byte little-endian header length, a JSON object mapping each
/// tensor name to its dtype, shape and [begin, end) byte offsets into the data that follows (plus an
/// optional <c>__metadata__</c> map of strings), then the raw little-endian data. Reads and writes every type PyTorch
/// puts in a state dict (F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL), recording the SHA-256 of the data in the
/// metadata, and verifies that checksum on reading when a file has one. Every inconsistency is a
/// <see cref="SafeTensorsFormatException"/> naming the file.
/// </summary>
public static class SafeTensorsFile
{
    /// <summary>The key of the optional string-to-string metadata map.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>The metadata key under which <c>Write</c> records the SHA-256 of the data section (lower-case hex).</summary>
    public const string DataSha256Key = "data_sha256";

    const long MaxHeaderLength = 100_000_000; // the reference implementation's limit

    /// <summary>Reads every tensor and the metadata of <paramref name="path"/>.</summary>
    public static (IReadOnlyDictionary<string, SafeTensorsEntry> Tensors, IReadOnlyDictionary<string, string> Metadata) Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: safetensors file not found.", path);
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8) throw new SafeTensorsFormatException(path, $"truncated: {bytes.Length} bytes is too short for the 8-byte header length.");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > MaxHeaderLength || headerLength > (ulong)(bytes.Length - 8))
            throw new SafeTensorsFormatException(path, $"bad header length {headerLength}: the file has {bytes.Length - 8:N0} bytes after the length field.");

        var data = bytes.AsMemory(8 + (int)headerLength);
        var headerBytes = bytes.AsMemory(8, (int)headerLength);
        // System.Text.Json only notices bad UTF-8 when a string is read, and then throws InvalidOperationException.
        if (InvalidUtf8At(headerBytes.Span) is int position)
            throw new SafeTensorsFormatException(path, $"the header is not valid UTF-8 (byte {position} of the header); the format requires UTF-8 JSON.");
        JsonElement header;
        try
        {
            header = JsonDocument.Parse(headerBytes).RootElement;
        }
        catch (JsonException e)
        {
            throw new SafeTensorsFormatException(path, $"the header is not valid JSON ({e.Message}).", e);
        }
        if (header.ValueKind != JsonValueKind.Object)
            throw new SafeTensorsFormatException(path, $"the header must be a JSON object, not {header.ValueKind}.");

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var tensors = new Dictionary<string, SafeTensorsEntry>(StringComparer.Ordinal);
        var ranges = new List<(long Begin, long End, string Name)>();
        foreach (var property in header.EnumerateObject())
        {
            if (property.Name == MetadataKey)
            {
                ReadMetadata(path, property.Value, metadata);
                continue;
            }
            var (entry, begin, end) = ReadEntry(path, property.Name, property.Value, data);
            if (!tensors.TryAdd(entry.Name, entry))
                throw new SafeTensorsFormatException(path, $"tensor {entry.Name} appears twice in the header; each tensor needs its own name.");
            ranges.Add((begin, end, entry.Name));
        }

        ranges.Sort((a, b) => a.Begin.CompareTo(b.Begin));
        for (int i = 1; i < ranges.Count; i++)
            if (ranges[i].Begin < ranges[i - 1].End)
                throw new SafeTensorsFormatException(path, $"tensors {ranges[i - 1].Name} and {ranges[i].Name} overlap (bytes {ranges[i].Begin} to {ranges[i - 1].End}).");
        VerifyDataSha256(path, metadata, data.Span);
        return (tensors, metadata);
    }

    /// <summary>
    /// Writes float32 tensors (sorted by name) and optional metadata, to which it adds <see cref="DataSha256Key"/>;
    /// the file is replaced atomically.
    /// </summary>
    public static void Write(string path, IReadOnlyDictionary<string, (long[] Shape, float[] Values)> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var entries = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var (name, (shape, values)) in tensors) entries[name] = torch.tensor(values, shape);
            Write(path, entries, metadata);
        }
        finally
        {
            foreach (var tensor in entries.Values) tensor.Dispose();
        }
    }

    /// <summary>
    /// Writes <paramref name="tensors"/> in their own types (sorted by name) and optional metadata, to which it adds
    /// <see cref="DataSha256Key"/>; the file is replaced atomically.
    /// </summary>
    /// <exception cref="ArgumentException">A tensor's type has no safetensors name (complex numbers, for example).</exception>
    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var names = tensors.Keys.Order(StringComparer.Ordinal).ToList();
        var blobs = new List<(string Name, SafeTensorsDType DType, long[] Shape, byte[] Bytes)>(names.Count);
        foreach (string name in names)
        {
            using var scope = NewDisposeScope();
            var tensor = tensors[name];
            var dtype = SafeTensorsDType.Of(tensor.dtype)
                ?? throw new ArgumentException($"{name} holds {tensor.dtype}, which safetensors cannot store; it stores {SafeTensorsDType.Names}.", nameof(tensors));
            var contiguous = tensor.detach().cpu().contiguous();
            blobs.Add((name, dtype, contiguous.shape, contiguous.bytes.ToArray()));
        }

        byte[] data = new byte[blobs.Sum(blob => (long)blob.Bytes.Length)];
        var offsets = new Dictionary<string, long[]>(StringComparer.Ordinal);
        long offset = 0;
        foreach (var blob in blobs)
        {
            blob.Bytes.CopyTo(data, offset);
            offsets[blob.Name] = new[] { offset, offset + blob.Bytes.Length };
            offset += blob.Bytes.Length;
        }

        var header = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [MetadataKey] = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>(), StringComparer.Ordinal)
            {
                [DataSha256Key] = Convert.ToHexStringLower(SHA256.HashData(data)),
            },
        };
        foreach (var blob in blobs) header[blob.Name] = new { dtype = blob.DType.Name, shape = blob.Shape, data_offsets = offsets[blob.Name] };

        byte[] json = JsonSerializer.SerializeToUtf8Bytes(header);
        int padded = (json.Length + 7) / 8 * 8; // data starts 8-byte aligned; the format pads the header with spaces
        AtomicFile.Write(path, file =>
        {
            var length = new byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
            file.Write(length);
            file.Write(json);
            for (int i = json.Length; i < padded; i++) file.WriteByte((byte)' ');
            file.Write(data);
        });
    }

    static void ReadMetadata(string path, JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new SafeTensorsFormatException(path, $"{MetadataKey} must be an object of strings, not {value.ValueKind}.");
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
                throw new SafeTensorsFormatException(path, $"{MetadataKey}.{item.Name} must be a string, not {item.Value.ValueKind}.");
            if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
                throw new SafeTensorsFormatException(path, $"{MetadataKey}.{item.Name} appears twice in the header; each key needs its own name.");
        }
    }

    static (SafeTensorsEntry Entry, long Begin, long End) ReadEntry(string path, string name, JsonElement value, ReadOnlyMemory<byte> data)
    {
        string Fault(string what) => $"tensor {name}: {what}";
        if (value.ValueKind != JsonValueKind.Object) throw new SafeTensorsFormatException(path, Fault($"expected an object with dtype, shape and data_offsets, not {value.ValueKind}."));
        if (!value.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            throw new SafeTensorsFormatException(path, Fault("missing dtype."));
        string dtype = dtypeElement.GetString()!;
        int elementSize = SafeTensorsDType.Named(dtype)?.Size
            ?? throw new SafeTensorsFormatException(path, Fault($"unknown or unsupported dtype \"{dtype}\"; ViT# reads {SafeTensorsDType.Names}."));
        if (!value.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
            throw new SafeTensorsFormatException(path, Fault("missing shape."));
        long[] shape = shapeElement.EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Number && d.TryGetInt64(out long n) && n >= 0
            ? n : throw new SafeTensorsFormatException(path, Fault($"shape holds {d}, not a non-negative integer."))).ToArray();
        if (!value.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2
            || offsets[0].ValueKind != JsonValueKind.Number || offsets[1].ValueKind != JsonValueKind.Number
            || !offsets[0].TryGetInt64(out long begin) || !offsets[1].TryGetInt64(out long end))
            throw new SafeTensorsFormatException(path, Fault($"data_offsets must be two integers [begin, end], not {(offsets.ValueKind == JsonValueKind.Undefined ? "missing" : offsets.GetRawText())}."));
        if (begin < 0 || end < begin || end > data.Length)
            throw new SafeTensorsFormatException(path, Fault($"data_offsets [{begin}, {end}] lie outside the {data.Length:N0} bytes of data (truncated file?)."));
        long byteCount = ByteCount(shape, elementSize)
            ?? throw new SafeTensorsFormatException(path, Fault($"shape [{string.Join(", ", shape)}] has more elements than any file can hold."));
        if (end - begin != byteCount)
            throw new SafeTensorsFormatException(path, Fault($"shape [{string.Join(", ", shape)}] of {dtype} needs {byteCount:N0} bytes but data_offsets give {end - begin:N0}."));
        return (new SafeTensorsEntry(name, dtype, shape, data.Slice((int)begin, (int)(end - begin))), begin, end);
    }

    /// <summary>
    /// Files we wrote carry the SHA-256 of their data: a flipped bit in a weight is otherwise a plausible number that
    /// loads silently and only shows as lost accuracy. Files from elsewhere, without the checksum, load as they are.
    /// </summary>
    static void VerifyDataSha256(string path, IReadOnlyDictionary<string, string> metadata, ReadOnlySpan<byte> data)
    {
        if (!metadata.TryGetValue(DataSha256Key, out string? recorded)) return;
        string actual = Convert.ToHexStringLower(SHA256.HashData(data));
        if (!string.Equals(actual, recorded, StringComparison.OrdinalIgnoreCase))
            throw new SafeTensorsFormatException(path, $"the tensor data's SHA-256 is {actual} but the file records {recorded}: the file was damaged after it was written. Use another copy, or save the weights again.");
    }

    /// <summary>The tensor's size in bytes, or null when it overflows: unchecked, [2^32, 2^32] wraps to 0 and would match empty data_offsets.</summary>
    static long? ByteCount(long[] shape, int elementSize)
    {
        try
        {
            long bytes = elementSize;
            foreach (long dimension in shape) bytes = checked(bytes * dimension);
            return bytes;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    static int? InvalidUtf8At(ReadOnlySpan<byte> text)
    {
        if (Utf8.IsValid(text)) return null;
        int position = 0;
        while (Rune.DecodeFromUtf8(text[position..], out _, out int consumed) == OperationStatus.Done) position += consumed;
        return position;
    }
}

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ViT.Weights;

namespace ViT.Runtime.Tests.Weights;

public sealed class SafeTensorsFileTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("vit-safetensors-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Builds a file by hand: the length field, the JSON header as written, then the data bytes.</summary>
    string Handmade(string json, byte[] data, ulong? headerLength = null) => Handmade(Encoding.UTF8.GetBytes(json), data, headerLength);

    string Handmade(byte[] header, byte[] data, ulong? headerLength = null)
    {
        var bytes = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, headerLength ?? (ulong)header.Length);
        header.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + header.Length);
        string path = Path.Combine(_folder, $"{Guid.NewGuid():N}.safetensors");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void F16_and_BF16_decode_to_the_values_their_bits_encode()
    {
        // F16: 1.0 = 0x3C00, -2.5 = 0xC100, 0.1 ~ 0x2E66 (0.0999755859375). BF16: 1.0 = 0x3F80, -2.5 = 0xC020, 0.1 ~ 0x3DCD (0.10009765625).
        byte[] data = { 0x00, 0x3C, 0x00, 0xC1, 0x66, 0x2E, 0x80, 0x3F, 0x20, 0xC0, 0xCD, 0x3D };
        string path = Handmade("""{"h":{"dtype":"F16","shape":[3],"data_offsets":[0,6]},"b":{"dtype":"BF16","shape":[3],"data_offsets":[6,12]}}""", data);

        var (tensors, metadata) = SafeTensorsFile.Read(path);

        Assert.Equal(new[] { 1f, -2.5f, 0.0999755859375f }, tensors["h"].Values);
        Assert.Equal(new[] { 1f, -2.5f, 0.10009765625f }, tensors["b"].Values);
        Assert.Empty(metadata);
    }

    [Fact]
    public void Written_files_follow_the_format_and_read_back()
    {
        string path = Path.Combine(_folder, "out.safetensors");
        var tensors = new Dictionary<string, (long[], float[])> { ["b"] = (new long[] { 2 }, new[] { 1.5f, -3f }), ["a"] = (new long[] { 1, 1 }, new[] { 7f }) };

        SafeTensorsFile.Write(path, tensors, new Dictionary<string, string> { ["model"] = "Tiny" });

        byte[] bytes = File.ReadAllBytes(path);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0UL, headerLength % 8);
        string header = Encoding.UTF8.GetString(bytes, 8, (int)headerLength);
        Assert.Contains("\"a\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[0,4]}", header);
        Assert.Contains("\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}", header);
        Assert.Equal(7f, BitConverter.ToSingle(bytes, 8 + (int)headerLength)); // a comes first: names are sorted

        var (read, metadata) = SafeTensorsFile.Read(path);
        Assert.Equal(new[] { 1.5f, -3f }, read["b"].Values);
        Assert.Equal(new long[] { 1, 1 }, read["a"].Shape);
        Assert.Equal("Tiny", metadata["model"]);
    }

    [Theory]
    [InlineData("length", "bad header length")]
    [InlineData("array", "must be a JSON object")]
    [InlineData("json", "not valid JSON")]
    [InlineData("range", "lie outside")]
    [InlineData("overlap", "overlap")]
    [InlineData("dtype", "unknown or unsupported dtype \"Q4\"")]
    [InlineData("truncated", "lie outside")]
    [InlineData("size", "needs 8 bytes")]
    [InlineData("duplicate", "tensor a appears twice in the header")]
    [InlineData("string offsets", "data_offsets must be two integers [begin, end], not [\"0\",\"8\"]")]
    [InlineData("overflow", "shape [4294967296, 4294967296] has more elements than any file can hold")]
    [InlineData("utf8", "the header is not valid UTF-8 (byte 3 of the header)")]
    public void Malformed_files_are_clear_errors_naming_the_file(string fault, string expected)
    {
        byte[] eight = new byte[8];
        string path = fault switch
        {
            "length" => Handmade("{}", eight, headerLength: 1_000_000),
            "array" => Handmade("[1, 2]", eight),
            "json" => Handmade("{\"a\":", eight),
            "range" => Handmade("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}""", eight),
            "overlap" => Handmade("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", eight),
            "dtype" => Handmade("""{"a":{"dtype":"Q4","shape":[2],"data_offsets":[0,8]}}""", eight),
            "truncated" => Handmade("""{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}""", eight),
            "duplicate" => Handmade("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", eight),
            "string offsets" => Handmade("""{"a":{"dtype":"F32","shape":[2],"data_offsets":["0","8"]}}""", eight),
            // 2^32 * 2^32 = 2^64 wraps to 0 in 64-bit arithmetic, which would match empty data_offsets.
            "overflow" => Handmade("""{"a":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,0]}}""", eight),
            "utf8" => Handmade([.. "{\"a"u8, 0xFF, .. "\":{}}"u8], eight), // 0xFF never occurs in UTF-8
            _ => Handmade("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}""", eight),
        };

        string hash = Sha256(path);

        var error = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Read(path));

        Assert.StartsWith(path, error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Equal(hash, Sha256(path));
    }

    [Fact]
    public void Written_files_record_the_SHA256_of_their_data_section()
    {
        string path = Path.Combine(_folder, "sum.safetensors");
        SafeTensorsFile.Write(path, new Dictionary<string, (long[], float[])> { ["w"] = (new long[] { 3 }, new[] { 1f, 2f, 3f }) });

        byte[] bytes = File.ReadAllBytes(path);
        int dataStart = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes.AsSpan(dataStart))), SafeTensorsFile.Read(path).Metadata[SafeTensorsFile.DataSha256Key]);
    }

    [Fact]
    public void A_flipped_data_bit_is_refused_naming_the_file_which_is_left_as_it_was()
    {
        string path = Path.Combine(_folder, "flipped.safetensors");
        SafeTensorsFile.Write(path, new Dictionary<string, (long[], float[])> { ["w"] = (new long[] { 3 }, new[] { 1f, 2f, 3f }) });
        byte[] bytes = File.ReadAllBytes(path);
        bytes[^4] ^= 0x01; // the lowest mantissa bit of the last value: 3 becomes 3.0000002, still a plausible weight
        File.WriteAllBytes(path, bytes);
        string hash = Sha256(path);

        var error = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Read(path));

        Assert.StartsWith(path, error.Message);
        Assert.Contains("SHA-256", error.Message);
        Assert.Equal(hash, Sha256(path));
    }

    static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void A_file_shorter_than_the_length_field_is_refused()
    {
        string path = Path.Combine(_folder, "tiny.safetensors");
        File.WriteAllBytes(path, new byte[] { 1, 2, 3 });

        var error = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Read(path));

        Assert.Contains("truncated", error.Message);
    }
}

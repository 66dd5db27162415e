using System.IO.Compression;
using ViT.Data;

namespace ViT.Runtime.Tests.Data;

public sealed class IdxFileTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("vit-idx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    static byte[] Header(int type, params int[] dimensions) => IdxBytes.Header(Array.ConvertAll(dimensions, d => (uint)d), (byte)type);

    string Write(string name, byte[] bytes, bool gzip = false)
    {
        string path = Path.Combine(_folder, name);
        if (gzip)
        {
            using var file = File.Create(path);
            using var stream = new GZipStream(file, CompressionLevel.Fastest);
            stream.Write(bytes);
        }
        else File.WriteAllBytes(path, bytes);
        return path;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_images_raw_or_gzipped(bool gzip)
    {
        byte[] data = Enumerable.Range(0, 2 * 2 * 3).Select(i => (byte)(i * 10)).ToArray();
        string path = Write("images", Header(0x08, 2, 2, 3).Concat(data).ToArray(), gzip);

        IdxData idx = IdxFile.ReadImages(path);

        Assert.Equal(new[] { 2, 2, 3 }, idx.Dimensions);
        Assert.Equal(data, idx.Elements.ToArray());
    }

    [Fact]
    public void Wrong_magic_number_names_the_file_and_both_numbers()
    {
        string path = Write("labels-as-images", Header(0x08, 5).Concat(new byte[5]).ToArray());

        var error = Assert.Throws<DataFormatException>(() => IdxFile.ReadImages(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("wrong magic number 0x00000801", error.Message);
        Assert.Contains("0x00000803", error.Message);
    }

    [Fact]
    public void Truncated_data_says_how_much_is_missing()
    {
        string path = Write("short", Header(0x08, 2, 28, 28).Concat(new byte[1000]).ToArray(), gzip: true);

        var error = Assert.Throws<DataFormatException>(() => IdxFile.ReadImages(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("truncated", error.Message);
        Assert.Contains("1,568", error.Message);
        Assert.Contains("1,000", error.Message);
    }

    [Fact]
    public void Truncated_header_is_reported()
    {
        string path = Write("header", new byte[] { 0, 0, 8, 3, 0, 0 });

        var error = Assert.Throws<DataFormatException>(() => IdxFile.ReadImages(path));

        Assert.Contains("header needs 16 bytes", error.Message);
    }

    [Fact]
    public void Truncated_gzip_stream_is_reported()
    {
        string full = Write("full.gz", Header(0x08, 100).Concat(new byte[100]).ToArray(), gzip: true);
        byte[] bytes = File.ReadAllBytes(full);
        string path = Write("cut.gz", bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<DataFormatException>(() => IdxFile.ReadLabels(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Image_and_label_counts_that_differ_are_refused()
    {
        string images = Write("images", Header(0x08, 3, 2, 2).Concat(new byte[12]).ToArray());
        string labels = Write("labels", Header(0x08, 2).Concat(new byte[2]).ToArray());

        var error = Assert.Throws<DataFormatException>(() =>
            IdxImages.FromIdx(IdxFile.ReadImages(images), IdxFile.ReadLabels(labels), images, labels));

        Assert.Contains(labels, error.Message);
        Assert.Contains("2 labels", error.Message);
        Assert.Contains("3 images", error.Message);
    }

    [Fact]
    public void Checksum_mismatch_names_the_file_and_both_digests()
    {
        string path = Write("data.bin", new byte[] { 1, 2, 3 });
        string wrong = new('a', 64);
        File.WriteAllText(Path.Combine(_folder, Sha256Sums.FileName), $"{wrong}  data.bin\n");

        var error = Assert.Throws<DataFormatException>(() => Sha256Sums.VerifyAgainstSiblingSums(path));

        Assert.Contains(path, error.Message);
        Assert.Contains(wrong, error.Message);
        // SHA-256 of the bytes 01 02 03, computed independently (sha256sum).
        Assert.Contains("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81", error.Message);
    }

    [Fact]
    public void Matching_checksum_passes()
    {
        string path = Write("data.bin", new byte[] { 1, 2, 3 });
        File.WriteAllText(Path.Combine(_folder, Sha256Sums.FileName),
            "039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81  data.bin\n");

        Sha256Sums.VerifyAgainstSiblingSums(path);
    }
}

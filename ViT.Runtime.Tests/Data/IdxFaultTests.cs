using System.IO.Compression;
using System.Security.Cryptography;
using ViT.Data;

namespace ViT.Runtime.Tests.Data;

/// <summary>Issue 13's IDX faults: each is one clear error naming the file, and the file is left as it was.</summary>
public sealed class IdxFaultTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("vit-idx-faults-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    static byte[] Header(params uint[] dimensions) => IdxBytes.Header(dimensions);

    string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    static string Hash(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    T Refused<T>(string path, Func<object> read) where T : Exception
    {
        string before = Hash(path);
        var error = Assert.Throws<T>(() => read());
        Assert.Equal(before, Hash(path));
        return error;
    }

    [Fact]
    public void Dimensions_whose_product_overflows_are_refused_before_anything_is_allocated()
    {
        // 16 x 2^30 x 2^30 is 2^64: it wrapped to 0 in a long and reached libtorch.
        string path = Write("overflow", Header(16, 1u << 30, 1u << 30));

        var error = Refused<DataFormatException>(path, () => IdxFile.ReadImages(path));

        Assert.StartsWith(path, error.Message);
        Assert.Contains("16 x 1073741824 x 1073741824", error.Message);
    }

    [Fact]
    public void A_file_of_zero_images_is_refused_with_the_count()
    {
        string path = Write("empty", Header(0, 28, 28));

        var error = Refused<DataFormatException>(path, () => IdxFile.ReadImages(path));

        Assert.StartsWith(path, error.Message);
        Assert.Contains("holds 0 examples", error.Message);
    }

    [Fact]
    public void A_gzip_bomb_is_stopped_at_what_the_header_promises()
    {
        // A header promising 10 labels, then 64 MB of zeros: about 64 KB gzipped.
        string path = Path.Combine(_folder, "bomb.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Optimal))
        {
            gzip.Write(Header(10));
            var zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) gzip.Write(zeros);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var error = Refused<DataFormatException>(path, () => IdxFile.ReadLabels(path));
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.StartsWith(path, error.Message);
        Assert.Contains("inflates to more than the 10 bytes of data its header promises", error.Message);
        Assert.True(allocated < 8 << 20, $"reading the bomb allocated {allocated:N0} bytes");
    }

    [Fact]
    public void A_gzip_file_promising_more_than_it_can_inflate_to_is_refused_before_allocating()
    {
        string path = Path.Combine(_folder, "liar.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Optimal)) gzip.Write(Header(1000, 1000, 1000));

        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var error = Refused<DataFormatException>(path, () => IdxFile.ReadImages(path));
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Contains("cannot inflate to that many", error.Message);
        Assert.True(allocated < 8 << 20, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Rank_4_images_keep_their_channels()
    {
        byte[] pixels = Enumerable.Range(0, 2 * 3 * 2 * 2).Select(i => (byte)i).ToArray();
        string images = Write("rgb-images", Header(2, 3, 2, 2).Concat(pixels).ToArray());
        string labels = Write("rgb-labels", Header(2).Concat(new byte[] { 0, 1 }).ToArray());

        using var data = IdxImages.Load(images, labels);

        Assert.Equal(new ImageShape(3, 2, 2), data.ImageShape);
        using var first = data.ReadImages([1]);
        Assert.Equal(pixels[12..].Select(p => p / 255f), first.data<float>().ToArray());
    }
}

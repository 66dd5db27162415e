using ViT.Data;

namespace ViT.Runtime.Tests.Data;

/// <summary>CIFAR's binary records, written by the test.</summary>
public sealed class CifarBinaryTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("vit-cifar-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Records whose pixel i of each image is (record + i) mod 256 and whose label is given.</summary>
    string WriteRecords(string name, int labelBytes, params byte[] labels)
    {
        var bytes = new List<byte>();
        for (int r = 0; r < labels.Length; r++)
        {
            if (labelBytes == 2) bytes.Add(0);
            bytes.Add(labels[r]);
            bytes.AddRange(Enumerable.Range(0, 3072).Select(i => (byte)((r + i) % 256)));
        }
        string path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes.ToArray());
        return path;
    }

    [Fact]
    public void Cifar10_records_become_rgb_planes_and_labels()
    {
        for (int i = 1; i <= 5; i++) WriteRecords($"data_batch_{i}.bin", 1, (byte)i, 0);
        WriteRecords("test_batch.bin", 1, 9);

        using var data = DataFolder.Open(_folder, new ImageShape(1, 28, 28));

        Assert.Equal("CIFAR-10 binary", data.Format);
        Assert.Equal((10, 1), (data.Train.Count, data.Test.Count));
        Assert.Equal(new ImageShape(3, 32, 32), data.Train.ImageShape);
        using var labels = data.Train.ReadLabels([0, 1, 2]);
        Assert.Equal(new long[] { 1, 0, 2 }, labels.data<long>().ToArray());
        using var image = data.Train.ReadImages([1]);
        // Record 1: red plane starts at pixel value 1, green at (1 + 1024) % 256 = 1, blue likewise; row 0 col 1 is 2.
        Assert.Equal(1 / 255f, image[0, 0, 0, 0].item<float>());
        Assert.Equal(2 / 255f, image[0, 1, 0, 1].item<float>());
        Assert.Equal(new ImageShape(1, 28, 28), data.ToModel.OutputShape(data.Train.ImageShape));
    }

    [Fact]
    public void Cifar100_uses_the_fine_label()
    {
        WriteRecords("train.bin", 2, 42, 99);
        WriteRecords("test.bin", 2, 7);

        using var data = DataFolder.Open(_folder, new ImageShape(3, 32, 32));

        Assert.Equal("CIFAR-100 binary", data.Format);
        using var labels = data.Train.ReadLabels([0, 1]);
        Assert.Equal(new long[] { 42, 99 }, labels.data<long>().ToArray());
        Assert.Empty(data.ToModel.Steps);
    }

    [Fact]
    public void A_file_of_the_wrong_length_names_the_file_and_the_record_size()
    {
        string path = Path.Combine(_folder, "test_batch.bin");
        File.WriteAllBytes(path, new byte[3073 * 2 + 100]);

        var error = Assert.Throws<DataFormatException>(() => CifarBinary.LoadFiles([path], 10));

        Assert.Equal(path, error.FilePath);
        Assert.Contains("is 6,246 bytes, not a whole number of 3,073-byte records", error.Message);
    }
}

using System.Security.Cryptography;
using TorchSharp;
using ViT.Imaging;
using ViT.IO;
using ViT.Samples.Models;
using ViT.Training;
using ViT.Weights;
using Xunit.Abstractions;

namespace ViT.Runtime.Tests.IO;

/// <summary>
/// Every writer of the library on a full disk, at its first byte or midway: the file keeps its earlier complete contents,
/// no temporary file is left, the error names the path as given; with room again the new file is complete.
/// </summary>
public sealed class AtomicWriteTests(ITestOutputHelper output)
{
    /// <summary>Writes a file of the kind named by <paramref name="writer"/>; <paramref name="version"/> changes its contents.</summary>
    static void Write(string writer, string path, int version)
    {
        torch.manual_seed(version);
        switch (writer)
        {
            case "onnx":
                using (var model = new LeNet()) model.ExportOnnx(path);
                break;
            case "safetensors":
                using (var model = new LeNet()) ModelWeights.Save(model, path);
                break;
            case "checkpoint":
                using (var model = new LeNet())
                using (var optimizer = torch.optim.Adam(model.parameters()))
                    CheckpointFile.Save(path, model, optimizer, new CheckpointState(version, 0, true, 0, 0, 0, 0, [], [], new CheckpointOptions(1, 64, 3e-4, 42, "cpu")));
                break;
            case "png":
                new Picture(2, 2, RandomNumberGenerator.GetBytes(40_000 + version)).Save(path);
                break;
            case "csv":
                MetricsCsv.Write(path, [new EpochMetrics(version, 0.5, 0.9, 0.4, 0.91, 10, 100)]);
                break;
            case "text":
                AtomicFile.WriteAllText(path, new string('x', 1000 + version));
                break;
        }
    }

    [Theory]
    [InlineData("onnx")]
    [InlineData("safetensors")]
    [InlineData("checkpoint")]
    [InlineData("png")]
    [InlineData("csv")]
    [InlineData("text")]
    public void A_full_disk_leaves_the_earlier_file_complete_and_no_temporary_file(string writer)
    {
        // The file's size, measured on an ordinary disk; the small disk holds it once, but not a second copy beside it.
        string measure = Path.Combine(Directory.CreateTempSubdirectory("vit-measure-").FullName, "file");
        Write(writer, measure, 1);
        int pages = SmallDisk.PagesFor(new FileInfo(measure).Length);
        Directory.Delete(Path.GetDirectoryName(measure)!, recursive: true);

        using var disk = SmallDisk.Create(pages + pages / 2);
        output.WriteLine($"{writer}: {pages} pages, on a {disk.Kind}");
        string path = Path.Combine(disk.Folder, $"model.{writer}");
        Write(writer, path, 1);
        byte[] earlier = File.ReadAllBytes(path);

        var error = Assert.Throws<IOException>(() => Write(writer, path, 2));

        Assert.StartsWith($"{path}: could not be written (", error.Message);
        Assert.EndsWith("); the earlier file is unchanged.", error.Message);
        Assert.Equal(earlier, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(disk.Folder));

        File.Delete(path);
        Write(writer, path, 2);
        Assert.Equal([path], Directory.GetFiles(disk.Folder));
        Assert.NotEqual(earlier, File.ReadAllBytes(path));
        if (writer == "onnx") using (var onnx = new ViT.Onnx.OnnxClassifier(path)) Assert.Equal("LeNet", onnx.ModelName);
        if (writer == "safetensors") using (var loaded = new LeNet()) Assert.True(ModelWeights.Load(loaded, path).IsExact);
        if (writer == "checkpoint") Assert.Equal(2, CheckpointFile.ReadState(path).Epoch);
    }

    [Fact]
    public void Writes_fail_at_every_point_and_always_leave_the_old_file_or_the_new_one()
    {
        string folder = Directory.CreateTempSubdirectory("vit-atomic-").FullName;
        try
        {
            string path = Path.Combine(folder, "lenet.onnx");
            Write("onnx", path, 1);
            byte[] old = File.ReadAllBytes(path);
            long length = old.Length;
            foreach (int failAt in new[] { 0, 1, 4096, (int)length / 2, (int)length - 1 })
            {
                AtomicFile.FaultInjection.Value = (_, stream) => new Training.FailingStream(stream, failAt);
                Assert.Throws<IOException>(() => Write("onnx", path, 2));
                AtomicFile.FaultInjection.Value = null;
                Assert.Equal(old, File.ReadAllBytes(path));
                Assert.Equal([path], Directory.GetFiles(folder));
            }
        }
        finally
        {
            AtomicFile.FaultInjection.Value = null;
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Two_writes_of_one_file_at_once_both_succeed_and_leave_one_of_them_whole()
    {
        // Before, both used one temporary name (.name.PID.tmp): one write failed on the other's file, or moved it away.
        string folder = Directory.CreateTempSubdirectory("vit-atomic-").FullName;
        try
        {
            string path = Path.Combine(folder, "shared.txt");
            string a = new('a', 200_000), b = new('b', 200_000);
            Parallel.For(0, 40, i => AtomicFile.WriteAllText(path, i % 2 == 0 ? a : b));
            Assert.Contains(File.ReadAllText(path), new[] { a, b });
            Assert.Equal([path], Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void ExportOnnx_and_pictures_create_their_folder_as_ModelWeights_Save_does()
    {
        string folder = Path.Combine(Directory.CreateTempSubdirectory("vit-atomic-").FullName, "missing", "deeper");
        try
        {
            using var model = new LeNet();
            model.ExportOnnx(Path.Combine(folder, "a.onnx"));
            new Picture(1, 1, [1, 2, 3]).Save(Path.Combine(folder, "p", "a.png"));
            Assert.True(File.Exists(Path.Combine(folder, "a.onnx")));
            Assert.True(File.Exists(Path.Combine(folder, "p", "a.png")));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(folder))!, recursive: true);
        }
    }

    [Fact]
    public void A_file_in_the_way_of_the_folder_is_named_as_the_caller_gave_it()
    {
        string folder = Directory.CreateTempSubdirectory("vit-atomic-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "blocker"), "a file");
            string path = Path.Combine(folder, "blocker", "model.onnx");
            using var model = new LeNet();
            var error = Assert.Throws<IOException>(() => model.ExportOnnx(path));
            Assert.StartsWith($"{path}: its folder cannot be created (", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Orphans_of_dead_processes_are_recognised_in_every_naming_and_live_ones_kept()
    {
        string folder = Directory.CreateTempSubdirectory("vit-atomic-").FullName;
        try
        {
            string[] orphans =
            [
                Path.Combine(folder, $".cnn.onnx.{int.MaxValue}.t1f.tmp"),      // this version's name
                Path.Combine(folder, $".last.ckpt.{int.MaxValue}.tmp"),          // the checkpoint writer's earlier name
                Path.Combine(folder, $"train-1x28x28-ab.bin.{int.MaxValue}.tmp"), // the image cache's earlier name
            ];
            string live = Path.Combine(folder, $".cnn.onnx.{Environment.ProcessId}.t2.tmp");
            string unrelated = Path.Combine(folder, "notes.tmp");
            foreach (string file in orphans.Append(live).Append(unrelated)) File.WriteAllText(file, "x");

            var removed = TemporaryFiles.DeleteOrphans(folder);

            Assert.Equal(orphans.Order(), removed.Order());
            Assert.True(File.Exists(live));
            Assert.True(File.Exists(unrelated));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

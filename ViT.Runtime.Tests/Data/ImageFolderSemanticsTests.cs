using ViT.Data;

namespace ViT.Runtime.Tests.Data;

/// <summary>
/// Issue 23's image-folder rows: the ImageNet layout, links that loop or lead astray, files that are not pictures,
/// tooling folders, decompression bombs, and a cache that is checked by content and by its own checksum.
/// </summary>
public sealed class ImageFolderSemanticsTests : IDisposable
{
    readonly string _root = Directory.CreateTempSubdirectory("vit-folder-semantics-").FullName;
    readonly StringWriter _log = new();
    static readonly ImageShape Gray8 = new(1, 8, 8);

    /// <summary>With rm, which deletes a name that is not UTF-8 (.NET cannot).</summary>
    public void Dispose()
    {
        using var remove = System.Diagnostics.Process.Start("rm", ["-rf", _root]);
        remove.WaitForExit();
    }

    string At(string relative) => Path.Combine(_root, relative);

    /// <summary>Class <paramref name="label"/>'s picture: a gray level that names the class, so every label can be checked against its pixels.</summary>
    void Picture(string relative, int label) => HostileFiles.GrayBmp(At(relative), 8, (byte)(40 + 60 * label));

    ImageFolderOptions Options(UnreadableImages unreadable = UnreadableImages.Stop) => new() { Log = _log, Unreadable = unreadable };

    /// <summary>Loads with a time limit: a loop through links or a FIFO used to hang here.</summary>
    DataSplits Load(ImageFolderOptions? options = null)
    {
        var load = Task.Run(() => ImageFolder.Load(_root, Gray8, options ?? Options()));
        return Task.WaitAny([load], TimeSpan.FromSeconds(60)) == 0 ? load.GetAwaiter().GetResult() : throw new TimeoutException("ImageFolder.Load did not finish in 60 s.");
    }

    static long[] Labels(IImageSource source)
    {
        using var labels = source.ReadLabels(Enumerable.Range(0, source.Count).Select(i => (long)i).ToArray());
        return labels.data<long>().ToArray();
    }

    /// <summary>Each example's label as its pixels say (the gray level each class was drawn in).</summary>
    static long[] LabelsFromPixels(IImageSource source)
    {
        using var images = source.ReadImages(Enumerable.Range(0, source.Count).Select(i => (long)i).ToArray());
        return images.mean([1, 2, 3]).data<float>().ToArray().Select(mean => (long)Math.Round((mean * 255 - 40) / 60)).ToArray();
    }

    void TwoClasses(string split = "train", int perClass = 2)
    {
        for (int i = 0; i < perClass; i++)
        {
            Picture($"{split}/a/{i}.bmp", 0);
            Picture($"{split}/b/{i}.bmp", 1);
        }
    }

    [Theory]
    [InlineData("val")]
    [InlineData("validation")]
    [InlineData("test")]
    public void Train_beside_val_or_validation_is_the_ImageNet_layout_and_the_format_says_which(string testName)
    {
        TwoClasses();
        TwoClasses(testName, perClass: 1);

        using var data = Load();

        Assert.Equal(["a", "b"], data.ClassNames); // before: the classes "train" and "val"
        Assert.Equal($"image folder (train/ and {testName}/)", data.Format);
        Assert.Equal((4, 2), (data.Train.Count, data.Test.Count));
    }

    [Fact]
    public void Train_alone_holds_out_a_share_of_its_classes()
    {
        TwoClasses(perClass: 5);
        using var data = Load();
        Assert.Equal(["a", "b"], data.ClassNames);
        Assert.StartsWith("image folder (train/ without test/, val/ or validation/)", data.Format);
        Assert.Equal(10, data.Train.Count + data.Test.Count);
    }

    [Fact]
    public void Links_back_up_are_not_followed_and_nothing_is_read_twice()
    {
        TwoClasses();
        TwoClasses("test", perClass: 1);
        Directory.CreateSymbolicLink(At("train/a/self"), ".");
        Directory.CreateSymbolicLink(At("train/a/self2"), ".");
        Directory.CreateSymbolicLink(At("train/a/loop"), "..");
        Directory.CreateDirectory(At("train/b/sub"));
        Picture("train/b/sub/2.bmp", 1);
        Directory.CreateSymbolicLink(At("train/b/again"), "sub");
        File.CreateSymbolicLink(At("train/b/twice.bmp"), "0.bmp");

        using var data = Load();

        Assert.Equal(5, data.Train.Count); // a: 2; b: 0, 1 and sub/2 once each
        Assert.Equal(LabelsFromPixels(data.Train), Labels(data.Train));
        Assert.Contains($"Not following {At("train/a/loop")}: it leads back to {At("train")}", _log.ToString());
        Assert.Contains($"Not following {At("train/a/self")}: it leads back to {At("train/a")}", _log.ToString());
    }

    [Theory]
    [InlineData("../b", "outside its class folder")]
    [InlineData("../../test/a", "outside its class folder")]
    [InlineData("OUTSIDE", "outside the data folder")]
    public void A_link_that_leads_out_of_its_class_is_an_error_naming_it(string target, string expected)
    {
        TwoClasses();
        TwoClasses("test", perClass: 1);
        string outside = Directory.CreateTempSubdirectory("vit-outside-").FullName;
        try
        {
            Directory.CreateSymbolicLink(At("train/a/more"), target == "OUTSIDE" ? outside : target);
            var error = Assert.Throws<DataFormatException>(() => Load());
            Assert.Equal(At("train/a/more"), error.FilePath);
            Assert.Contains(expected, error.Message);
        }
        finally
        {
            Directory.Delete(outside);
        }
    }

    [Fact]
    public void A_class_folder_that_is_the_other_splits_is_an_error()
    {
        TwoClasses();
        Directory.CreateDirectory(At("test"));
        Directory.CreateSymbolicLink(At("test/a"), "../train/a");
        var error = Assert.Throws<DataFormatException>(() => Load());
        Assert.Equal(At("test/a"), error.FilePath);
        Assert.Contains("every picture belongs to one class and one split", error.Message);
    }

    [Theory]
    [InlineData("fifo", "is empty, or not a regular file (a FIFO, socket or device)")]
    [InlineData("empty", "is empty, or not a regular file (a FIFO, socket or device)")]
    [InlineData("dangling", "is a link to gone.bmp, which does not exist")]
    [InlineData("name", "has a name that is not UTF-8")]
    [InlineData("bomb", "declares 30,000 × 30,000 = 900,000,000 pixels, over the budget of 89,478,485")]
    public void Entries_that_are_not_pictures_stop_with_their_name_or_are_skipped(string kind, string expected)
    {
        TwoClasses();
        TwoClasses("test", perClass: 1);
        string bad = At(kind == "name" ? "train/b/caf\\xe9.bmp" : "train/b/bad.png");
        switch (kind)
        {
            case "fifo": HostileFiles.Fifo(bad); break;
            case "empty": File.WriteAllBytes(bad, []); break;
            case "dangling": File.CreateSymbolicLink(bad, "gone.bmp"); break;
            case "name": HostileFiles.RawName(At("train/b"), [.. "caf"u8, 0xE9, .. ".bmp"u8]); break;
            case "bomb": HostileFiles.Bomb(bad, 30000, 30000); break;
        }

        var error = Assert.Throws<DataFormatException>(() => Load());
        Assert.Equal(bad, error.FilePath);
        Assert.Contains(expected, error.Message);

        using var data = Load(Options(UnreadableImages.Skip));
        Assert.Equal(4, data.Train.Count);
        Assert.Contains($"Skipped {bad}: ", _log.ToString());
    }

    [Fact]
    public void The_pixel_budget_is_settable()
    {
        TwoClasses();
        TwoClasses("test", perClass: 1);
        var error = Assert.Throws<DataFormatException>(() => Load(Options() with { MaxImagePixels = 63 }));
        Assert.Contains("declares 8 × 8 = 64 pixels, over the budget of 63", error.Message);
        Load(Options() with { MaxImagePixels = 64 }).Dispose();
    }

    [Fact]
    public void Folders_that_tools_create_are_never_classes_nor_their_pictures_read()
    {
        TwoClasses();
        TwoClasses("test", perClass: 1);
        Picture("train/__MACOSX/a/0.bmp", 0);
        Picture("train/.ipynb_checkpoints/0.bmp", 0);
        Picture("train/a/.ipynb_checkpoints/0-checkpoint.bmp", 0);
        File.WriteAllBytes(At("train/a/._0.bmp"), [0, 5, 22, 7]); // macOS's resource fork beside the picture

        using var data = Load();

        Assert.Equal(["a", "b"], data.ClassNames);
        Assert.Equal(4, data.Train.Count);
        Assert.Contains($"Ignored {At("train/__MACOSX")}: a folder that tools create, not a class.", _log.ToString());
        Assert.Contains($"Ignored {At("train/a/.ipynb_checkpoints")}: a folder that tools create, not pictures.", _log.ToString());
    }

    [Fact]
    public void A_picture_rewritten_with_the_same_size_and_time_is_decoded_again()
    {
        TwoClasses();
        TwoClasses("test", perClass: 1);
        Load().Dispose();
        string changed = At("train/b/0.bmp");
        var written = File.GetLastWriteTimeUtc(changed);
        long size = new FileInfo(changed).Length;
        HostileFiles.GrayBmp(changed, 8, 250);
        File.SetLastWriteTimeUtc(changed, written);
        Assert.Equal(size, new FileInfo(changed).Length);
        _log.GetStringBuilder().Clear();

        using var data = Load();

        Assert.Contains("Decoding 4 images", _log.ToString());
        using var image = data.Train.ReadImages([1]); // in turn: a/0, b/0, ...
        Assert.Equal(250 / 255f, image.mean().item<float>(), 4);
    }

    [Theory]
    [InlineData("pixel")]
    [InlineData("label")]
    [InlineData("truncated")]
    public void A_damaged_cache_is_decoded_again_with_a_message_never_used(string damage)
    {
        TwoClasses();
        TwoClasses("test", perClass: 1);
        Load().Dispose();
        string cache = Directory.GetFiles(At(ImageFolder.CacheFolderName), "train-*.bin").Single();
        byte[] bytes = File.ReadAllBytes(cache);
        switch (damage)
        {
            case "pixel": bytes[10] ^= 0xFF; break;
            case "label": bytes[4 * 64 + 4] = 7; break; // the second label (after 4 images of 64 bytes) becomes 7
            case "truncated": bytes = bytes[..^9]; break;
        }
        File.WriteAllBytes(cache, bytes);
        _log.GetStringBuilder().Clear();

        using var data = Load();

        Assert.Contains($"The cache {cache} cannot be used (", _log.ToString());
        Assert.Contains("Decoding 4 images", _log.ToString());
        Assert.Equal(LabelsFromPixels(data.Train), Labels(data.Train));
        Assert.Equal([0L, 1, 0, 1], Labels(data.Train));
    }

    [Fact]
    public void Temporary_files_of_a_killed_decode_are_removed_with_a_message()
    {
        TwoClasses();
        TwoClasses("test", perClass: 1);
        string orphan = At($"{ImageFolder.CacheFolderName}/train-1x8x8-0123456789abcdef.bin.{int.MaxValue}.tmp");
        Directory.CreateDirectory(Path.GetDirectoryName(orphan)!);
        File.WriteAllText(orphan, "half a cache");

        Load().Dispose();

        Assert.False(File.Exists(orphan));
        Assert.Contains($"Removed {orphan}, left by a decode that was stopped.", _log.ToString());
    }

    [Fact]
    public async Task Two_loads_of_one_folder_at_once_in_one_process_both_succeed()
    {
        TwoClasses(perClass: 20);
        TwoClasses("test", perClass: 1);
        var loaded = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => ImageFolder.Load(_root, Gray8))));
        foreach (var data in loaded)
        {
            Assert.Equal(40, data.Train.Count);
            data.Dispose();
        }
        Assert.Empty(Directory.GetFiles(At(ImageFolder.CacheFolderName), "*.tmp"));
    }
}

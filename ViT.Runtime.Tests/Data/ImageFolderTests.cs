using System.Security.Cryptography;
using SkiaSharp;
using ViT.Data;

namespace ViT.Runtime.Tests.Data;

/// <summary>Image folders written by the tests: layout, labels, conversion, resize, split, cache and bad input.</summary>
public sealed class ImageFolderTests : IDisposable
{
    readonly string _root = Directory.CreateTempSubdirectory("vit-folder-").FullName;
    static readonly ImageShape Gray28 = new(1, 28, 28);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    string Image(string relative, Func<int, int, SKColor> color, int width = 28, int height = 28)
    {
        string path = Path.Combine(_root, relative);
        TestImages.Write(path, width, height, color);
        return path;
    }

    [Fact]
    public void Classes_are_sorted_folder_names_taken_in_turn_and_both_formats_decode()
    {
        Image("train/b_white/1.png", TestImages.Solid(255, 255, 255));
        Image("train/a_black/1.jpg", TestImages.Solid(0, 0, 0));
        Image("train/a_black/2.png", TestImages.Solid(0, 0, 0));
        Image("test/b_white/1.png", TestImages.Solid(255, 255, 255));

        using var data = ImageFolder.Load(_root, Gray28);

        Assert.Equal(new[] { "a_black", "b_white" }, data.ClassNames);
        Assert.Equal(3, data.Train.Count);
        // In turn from each class, so the first examples cover every class: a_black/1.jpg, b_white/1.png, a_black/2.png.
        using var labels = data.Train.ReadLabels([0, 1, 2]);
        Assert.Equal(new long[] { 0, 1, 0 }, labels.data<long>().ToArray());
        using var images = data.Train.ReadImages([0, 1]);
        Assert.Equal(new long[] { 2, 1, 28, 28 }, images.shape);
        Assert.True(images[0].max().item<float>() < 0.02f); // JPEG may wobble by a level or two
        Assert.Equal(1f, images[1].min().item<float>());
    }

    [Fact]
    public void Color_becomes_gray_by_luma_or_stays_rgb_and_mixed_sizes_are_resized()
    {
        Image("train/red/big.png", TestImages.Solid(200, 0, 0), width: 64, height: 40);
        Image("train/green/small.png", TestImages.Solid(0, 100, 0), width: 10, height: 12);
        Image("test/red/1.png", TestImages.Solid(200, 0, 0));

        using var gray = ImageFolder.Load(_root, Gray28);
        using var rgb = ImageFolder.Load(_root, new ImageShape(3, 16, 16));

        // Labels: green 0, red 1. Gray = round(0.299 R + 0.587 G + 0.114 B), computed by hand.
        using var grayImages = gray.Train.ReadImages([0, 1]);
        Assert.Equal(new long[] { 2, 1, 28, 28 }, grayImages.shape);
        Assert.Equal(59 / 255f, grayImages[0].mean().item<float>(), 5); // 0.587 * 100 = 58.7
        Assert.Equal(60 / 255f, grayImages[1].mean().item<float>(), 5); // 0.299 * 200 = 59.8
        using var rgbImages = rgb.Train.ReadImages([1]);
        Assert.Equal(new long[] { 1, 3, 16, 16 }, rgbImages.shape);
        Assert.Equal(new[] { 200 / 255f, 0f, 0f }, rgbImages[0].mean([1, 2]).data<float>().ToArray());
    }

    [Fact]
    public void Without_train_and_test_a_seeded_share_of_each_class_is_held_out()
    {
        for (int i = 0; i < 10; i++)
        {
            Image($"cats/{i}.png", TestImages.Solid(10, 10, 10));
            Image($"dogs/{i}.png", TestImages.Solid(250, 250, 250));
        }

        using var first = ImageFolder.Load(_root, Gray28, new ImageFolderOptions { TestFraction = 0.2, Seed = 3 });
        using var again = ImageFolder.Load(_root, Gray28, new ImageFolderOptions { TestFraction = 0.2, Seed = 3 });

        Assert.Equal((16, 4), (first.Train.Count, first.Test.Count));
        using var testLabels = first.Test.ReadLabels([0, 1, 2, 3]);
        Assert.Equal(new long[] { 0, 0, 1, 1 }, testLabels.data<long>().ToArray().Order());
        using var a = first.Test.ReadImages([0, 1, 2, 3]);
        using var b = again.Test.ReadImages([0, 1, 2, 3]);
        Assert.True(Same(a, b));
    }

    [Fact]
    public void The_second_load_reads_the_cache_and_a_changed_file_makes_it_again()
    {
        Image("train/a/1.png", TestImages.Solid(0, 0, 0));
        string changing = Image("train/b/1.png", TestImages.Solid(255, 255, 255));
        Image("test/a/1.png", TestImages.Solid(0, 0, 0));
        var log = new StringWriter();
        var options = new ImageFolderOptions { Log = log };

        ImageFolder.Load(_root, Gray28, options).Dispose();
        Assert.Contains("Decoding 2 images", log.ToString());
        log.GetStringBuilder().Clear();

        ImageFolder.Load(_root, Gray28, options).Dispose();
        Assert.DoesNotContain("Decoding", log.ToString());

        Image("train/b/1.png", TestImages.Solid(128, 128, 128));
        File.SetLastWriteTimeUtc(changing, DateTime.UtcNow.AddMinutes(1));
        using var data = ImageFolder.Load(_root, Gray28, options);
        Assert.Contains("Decoding 2 images", log.ToString());
        using var image = data.Train.ReadImages([1]);
        Assert.Equal(128 / 255f, image.mean().item<float>(), 5);
        Assert.Single(Directory.GetFiles(Path.Combine(_root, ImageFolder.CacheFolderName), "train-*"));
    }

    [Fact]
    public void A_cache_over_the_memory_limit_is_read_from_the_file_with_the_same_images()
    {
        for (int i = 0; i < 5; i++) Image($"train/a/{i}.png", TestImages.Pattern(0, i, 28));
        for (int i = 0; i < 5; i++) Image($"train/b/{i}.png", TestImages.Pattern(1, i, 28));
        Image("test/a/1.png", TestImages.Pattern(0, 99, 28));

        using var inMemory = ImageFolder.Load(_root, Gray28);
        using var streamed = ImageFolder.Load(_root, Gray28, new ImageFolderOptions { InMemoryLimitBytes = 1000 });

        Assert.IsType<ImageDataset>(inMemory.Train);
        Assert.IsType<CachedImageFile>(streamed.Train);
        long[] some = [7, 0, 3];
        using var a = inMemory.Train.ReadImages(some);
        using var b = streamed.Train.ReadImages(some);
        Assert.True(Same(a, b));
        using var la = inMemory.Train.ReadLabels(some);
        using var lb = streamed.Train.ReadLabels(some);
        Assert.Equal(la.data<long>().ToArray(), lb.data<long>().ToArray());
    }

    [Fact]
    public void A_corrupt_image_stops_with_its_name_or_is_skipped_when_asked()
    {
        Image("train/a/good.png", TestImages.Solid(0, 0, 0));
        Image("train/b/good.png", TestImages.Solid(255, 255, 255));
        string bad = Path.Combine(_root, "train", "b", "bad.png");
        File.WriteAllBytes(bad, "\x89PNG\r\n\x1a\n this is no picture"u8.ToArray());
        Image("test/a/1.png", TestImages.Solid(0, 0, 0));
        string hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(bad)));

        var error = Assert.Throws<DataFormatException>(() => ImageFolder.Load(_root, Gray28));
        Assert.Equal(bad, error.FilePath);
        Assert.Contains("skip unreadable images", error.Message);

        var log = new StringWriter();
        using var data = ImageFolder.Load(_root, Gray28, new ImageFolderOptions { Unreadable = UnreadableImages.Skip, Log = log });
        Assert.Equal(2, data.Train.Count);
        Assert.Contains($"Skipped {bad}", log.ToString());
        Assert.Equal(hash, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(bad))));
    }

    [Fact]
    public void One_class_is_refused()
    {
        Image("only/1.png", TestImages.Solid(0, 0, 0));

        var error = Assert.Throws<DataFormatException>(() => ImageFolder.Load(_root, Gray28));

        Assert.Contains("has one class folder (only); a classifier needs at least two classes", error.Message);
    }

    [Fact]
    public void An_empty_class_folder_is_refused_with_its_name()
    {
        Image("train/a/1.png", TestImages.Solid(0, 0, 0));
        Directory.CreateDirectory(Path.Combine(_root, "train", "b"));
        Image("test/a/1.png", TestImages.Solid(0, 0, 0));

        var error = Assert.Throws<DataFormatException>(() => ImageFolder.Load(_root, Gray28));

        Assert.Equal(Path.Combine(_root, "train", "b"), error.FilePath);
        Assert.Contains("holds no PNG, JPEG, BMP or WebP images", error.Message);
    }

    [Fact]
    public void A_test_class_the_training_split_lacks_is_refused()
    {
        Image("train/a/1.png", TestImages.Solid(0, 0, 0));
        Image("train/b/1.png", TestImages.Solid(9, 9, 9));
        Image("test/zebra/1.png", TestImages.Solid(0, 0, 0));

        var error = Assert.Throws<DataFormatException>(() => ImageFolder.Load(_root, Gray28));

        Assert.Contains("class zebra is in the test split but", error.Message);
    }

    [Fact]
    public void An_unrecognised_folder_says_what_was_looked_for()
    {
        File.WriteAllText(Path.Combine(_root, "notes.txt"), "nothing here");

        var error = Assert.Throws<DataFormatException>(() => DataFolder.Open(_root, Gray28));

        Assert.Contains("CIFAR-10 binary", error.Message);
        Assert.Contains("image folder", error.Message);
        Assert.Contains("train-images-idx3-ubyte", error.Message);
    }

    static bool Same(TorchSharp.torch.Tensor a, TorchSharp.torch.Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
}

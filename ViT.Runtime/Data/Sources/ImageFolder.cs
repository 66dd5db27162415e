using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Data;

/// <summary>
/// Pictures in the layout torchvision's <c>ImageFolder</c> reads: one sub-folder per class (the class index is the
/// folder's place in ordinal name order), PNG, JPEG, BMP or WebP files in any size, with <c>train/</c> and <c>test/</c>
/// folders or, without them, a seeded share of each class held out for testing. The images are decoded once, at the
/// model's input shape, into a cache file in <c>.vit-cache/</c> beside the data; later epochs and later runs read that.
/// </summary>
public static class ImageFolder
{
    /// <summary>The cache folder's name inside the data folder.</summary>
    public const string CacheFolderName = ".vit-cache";

    /// <summary>Whether <paramref name="directory"/> looks like an image folder: class folders holding images, directly or under <c>train/</c>.</summary>
    public static bool IsImageFolder(string directory)
    {
        string classesRoot = Directory.Exists(Path.Combine(directory, "train")) ? Path.Combine(directory, "train") : directory;
        return ClassFolderNames(classesRoot).Any(name => Images(Path.Combine(classesRoot, name)).Any());
    }

    /// <summary>Loads both splits of <paramref name="root"/>, decoded to <paramref name="shape"/>.</summary>
    public static DataSplits Load(string root, ImageShape shape, ImageFolderOptions? options = null)
    {
        options ??= new ImageFolderOptions();
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"Image folder {root} does not exist.");
        string trainRoot = Path.Combine(root, "train"), testRoot = Path.Combine(root, "test");
        var empty = new TransformPipeline();

        if (Directory.Exists(trainRoot) && Directory.Exists(testRoot))
        {
            var classes = Classes(trainRoot);
            var testClasses = ClassFolderNames(testRoot).ToList();
            if (testClasses.FirstOrDefault(name => !classes.Contains(name)) is string stray)
                throw new DataFormatException(Path.Combine(testRoot, stray),
                    $"class {stray} is in the test split but {trainRoot} has no folder for it; every test class needs training images (add {Path.Combine(trainRoot, stray)} or remove the test folder).");
            var train = Cached(root, "train", Files(trainRoot, classes, classes), shape, options);
            var test = Cached(root, "test", Files(testRoot, testClasses, classes, allowEmpty: true), shape, options);
            return new DataSplits("image folder (train/ and test/)", train, test, classes, empty, (IDisposable)train, (IDisposable)test);
        }

        var allClasses = Classes(root);
        var all = Cached(root, "all", Files(root, allClasses, allClasses), shape, options);
        var (trainIndices, testIndices) = Split(all, options);
        return new DataSplits($"image folder ({options.TestFraction:P0} of each class held out for testing, seed {options.Seed})",
            new ImageSourceView(all, trainIndices, $"{root} (training share)"), new ImageSourceView(all, testIndices, $"{root} (test share)"),
            allClasses, empty, (IDisposable)all);
    }

    static List<string> Classes(string root)
    {
        var classes = ClassFolderNames(root).ToList();
        if (classes.Count == 0)
            throw new DataFormatException(root, "has no class folders; an image folder holds one sub-folder of pictures per class (and may split them into train/ and test/).");
        if (classes.Count == 1)
            throw new DataFormatException(root, $"has one class folder ({classes[0]}); a classifier needs at least two classes. Add a folder of pictures for each other class.");
        return classes;
    }

    static IEnumerable<string> ClassFolderNames(string root) =>
        Directory.Exists(root)
            ? Directory.EnumerateDirectories(root).Select(Path.GetFileName).OfType<string>().Where(name => !name.StartsWith('.')).Order(StringComparer.Ordinal)
            : [];

    static IEnumerable<string> Images(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(path => ImageDecoder.Extensions.Contains(Path.GetExtension(path)));

    /// <summary>
    /// The pictures of each class folder, taken in turn from each class (the first of every class, then the second, ...),
    /// so that the first examples cover every class as MNIST's files do: a quick run on the first N, or a grid of the
    /// first 64, sees them all. The loader shuffles for training anyway.
    /// </summary>
    static List<(string Path, int Label)> Files(string root, IReadOnlyList<string> folders, IReadOnlyList<string> classes, bool allowEmpty = false)
    {
        var perClass = new List<(List<string> Images, int Label)>();
        foreach (string name in folders)
        {
            string folder = Path.Combine(root, name);
            var images = Images(folder).Order(StringComparer.Ordinal).ToList();
            if (images.Count == 0 && !allowEmpty)
                throw new DataFormatException(folder, "holds no PNG, JPEG, BMP or WebP images; add pictures of this class or remove the folder.");
            perClass.Add((images, classes.ToList().IndexOf(name)));
        }

        int total = perClass.Sum(c => c.Images.Count);
        var files = new List<(string, int)>(total);
        for (int i = 0; files.Count < total; i++)
        {
            foreach (var (images, label) in perClass)
            {
                if (i < images.Count) files.Add((images[i], label));
            }
        }
        return files;
    }

    static (long[] Train, long[] Test) Split(IImageSource all, ImageFolderOptions options)
    {
        if (options.TestFraction is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.TestFraction, "TestFraction must lie between 0 and 1.");
        using var labelTensor = all.ReadLabels(Enumerable.Range(0, all.Count).Select(i => (long)i).ToArray());
        long[] labels = labelTensor.data<long>().ToArray();
        var train = new List<long>();
        var test = new List<long>();
        foreach (var group in Enumerable.Range(0, labels.Length).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            var random = new Random(HashCode.Combine(options.Seed, group.Key) & int.MaxValue);
            random.Shuffle(members);
            int held = members.Length < 2 ? 0 : Math.Max(1, (int)Math.Round(members.Length * options.TestFraction));
            test.AddRange(members.Take(held).Select(i => (long)i));
            train.AddRange(members.Skip(held).Select(i => (long)i));
        }
        return (train.Order().ToArray(), test.Order().ToArray());
    }

    /// <summary>The split's images from its cache file, decoding them into it first when it is missing or stale.</summary>
    static IImageSource Cached(string root, string split, List<(string Path, int Label)> files, ImageShape shape, ImageFolderOptions options)
    {
        string key = Key(root, files, shape);
        string folder = CacheFolder(root);
        string path = Path.Combine(folder, $"{split}-{shape.Channels}x{shape.Height}x{shape.Width}-{key}.bin");
        string description = Path.Combine(root, split == "all" ? "" : split);

        var contents = ImageCacheFile.TryRead(path);
        if (contents is null)
        {
            var clock = Stopwatch.StartNew();
            options.Log?.WriteLine($"Decoding {files.Count:N0} images of {description} to {shape} into {path} ...");
            contents = ImageCacheFile.Write(path, shape, files.Count, (start, count) => DecodeChunk(files, start, count, shape, options));
            foreach (string stale in Directory.EnumerateFiles(folder, $"{split}-{shape.Channels}x{shape.Height}x{shape.Width}-*.bin").Where(p => p != path)) File.Delete(stale);
            options.Log?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Decoded {contents.Labels.Length:N0} images in {clock.Elapsed.TotalSeconds:F1} s; cache {new FileInfo(path).Length / 1e6:F1} MB."));
        }

        if (contents.Labels.Length == 0)
            throw new DataFormatException(description, "has no readable images left after skipping the unreadable ones.");
        if (contents.PixelBytes > options.InMemoryLimitBytes)
        {
            options.Log?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{description}: {contents.PixelBytes / 1e6:F0} MB of images is over the {options.InMemoryLimitBytes / 1e6:F0} MB in-memory limit; reading them from {path} as batches need them."));
            return new CachedImageFile(path, contents.Shape, contents.Labels, contents.PixelsOffset, description);
        }

        using var file = File.OpenRead(path);
        file.Position = contents.PixelsOffset;
        var pixels = new byte[contents.PixelBytes];
        file.ReadExactly(pixels);
        using var scope = NewDisposeScope();
        var images = tensor(pixels, dtype: ScalarType.Byte).reshape(contents.Labels.Length, shape.Channels, shape.Height, shape.Width);
        return new ImageDataset(images, tensor(Array.ConvertAll(contents.Labels, label => (long)label)), description);
    }

    static IReadOnlyList<(byte[] Pixels, int Label)> DecodeChunk(List<(string Path, int Label)> files, int start, int count, ImageShape shape, ImageFolderOptions options)
    {
        var decoded = new (byte[]? Pixels, DataFormatException? Error)[count];
        Parallel.For(0, count, i =>
        {
            try { decoded[i] = (ImageDecoder.Decode(files[start + i].Path, shape), null); }
            catch (DataFormatException error) { decoded[i] = (null, error); }
        });

        var result = new List<(byte[], int)>(count);
        for (int i = 0; i < count; i++)
        {
            if (decoded[i].Error is { } error)
            {
                if (options.Unreadable == UnreadableImages.Stop) throw error;
                options.Log?.WriteLine($"Skipped {error.Message}");
                continue;
            }
            result.Add((decoded[i].Pixels!, files[start + i].Label));
        }
        return result;
    }

    /// <summary>Changes when a file is added, removed, relabelled, rewritten (size or time) or the target shape changes.</summary>
    static string Key(string root, List<(string Path, int Label)> files, ImageShape shape)
    {
        var text = new StringBuilder($"v1 {shape}\n");
        foreach (var (path, label) in files)
        {
            var info = new FileInfo(path);
            text.Append(CultureInfo.InvariantCulture, $"{Path.GetRelativePath(root, path)}\t{label}\t{info.Length}\t{info.LastWriteTimeUtc.Ticks}\n");
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    /// <summary><c>.vit-cache</c> beside the data, or a folder in the per-user cache when the data folder is read-only.</summary>
    static string CacheFolder(string root)
    {
        string beside = Path.Combine(root, CacheFolderName);
        try
        {
            Directory.CreateDirectory(beside);
            string probe = Path.Combine(beside, $".probe-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return beside;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(root))))[..16];
            return Directory.CreateDirectory(Path.Combine(UserDataFolder.Root, "cache", hash)).FullName;
        }
    }
}

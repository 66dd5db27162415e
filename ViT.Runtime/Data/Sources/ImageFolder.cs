using System.Diagnostics;
using System.Globalization;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;
using TorchSharp;
using ViT.IO;
using static TorchSharp.torch;

namespace ViT.Data;

/// <summary>
/// Pictures in the layout torchvision's <c>ImageFolder</c> reads: one sub-folder per class (the class index is the
/// folder's place in ordinal name order), PNG, JPEG, BMP or WebP files in any size, with <c>train/</c> and a test split
/// (<c>test/</c>, <c>val/</c> or <c>validation/</c>, as ImageNet has it) or, without one, a seeded share of each class held
/// out for testing. What is read, and what is not, is <see cref="ImageFolderWalker"/>'s. The images are decoded once, at
/// the model's input shape, into a cache file in <c>.vit-cache/</c> beside the data; later epochs and later runs read that
/// while the pictures' contents are those it was decoded from.
/// </summary>
public static class ImageFolder
{
    /// <summary>The cache folder's name inside the data folder.</summary>
    public const string CacheFolderName = ".vit-cache";

    /// <summary>The names a test split's folder may have beside <c>train/</c>, in the order they are looked for.</summary>
    public static readonly IReadOnlyList<string> TestSplitNames = ["test", "val", "validation"];

    /// <summary>Whether <paramref name="directory"/> looks like an image folder: class folders holding images, directly or under <c>train/</c>.</summary>
    public static bool IsImageFolder(string directory)
    {
        var layout = ImageFolderLayout.Find(directory, log: null);
        return ImageFolderWalker.ClassFolderNames(layout.ClassesRoot, log: null).Any(name => ImageFolderWalker.HasPictures(Path.Combine(layout.ClassesRoot, name)));
    }

    /// <summary>Loads both splits of <paramref name="root"/>, decoded to <paramref name="shape"/>; <paramref name="cancellation"/> stops decoding between images.</summary>
    public static DataSplits Load(string root, ImageShape shape, ImageFolderOptions? options = null, CancellationToken cancellation = default)
    {
        options ??= new ImageFolderOptions();
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"Image folder {root} does not exist.");
        if (options.TestFraction is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.TestFraction, "TestFraction must lie between 0 and 1.");
        if (options.MaxImagePixels < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxImagePixels, "MaxImagePixels must be at least 1.");
        var layout = ImageFolderLayout.Find(root, options.Log);
        var walker = new ImageFolderWalker(root, options, cancellation);
        var empty = new TransformPipeline();

        if (layout.TestRoot is string testRoot)
        {
            var classes = Classes(layout.ClassesRoot, options.Log);
            var testClasses = ImageFolderWalker.ClassFolderNames(testRoot, options.Log);
            if (testClasses.FirstOrDefault(name => !classes.Contains(name)) is string stray)
                throw new DataFormatException(Path.Combine(testRoot, stray),
                    $"class {stray} is in the test split but {layout.ClassesRoot} has no folder for it; every test class needs training images (add {Path.Combine(layout.ClassesRoot, stray)} or remove the test folder).");
            var pictures = walker.Walk([.. classes.Select(name => Path.Combine(layout.ClassesRoot, name)), .. testClasses.Select(name => Path.Combine(testRoot, name))]);
            var train = Cached(root, "train", Files(layout.ClassesRoot, classes, pictures[..classes.Count], classes, options), shape, classes.Count, options, cancellation);
            try
            {
                var test = Cached(root, "test", Files(testRoot, testClasses, pictures[classes.Count..], classes, options, allowEmpty: true), shape, classes.Count, options, cancellation);
                return new DataSplits(layout.Format, train, test, classes, empty, (IDisposable)train, (IDisposable)test);
            }
            catch
            {
                ((IDisposable)train).Dispose();
                throw;
            }
        }

        var allClasses = Classes(layout.ClassesRoot, options.Log);
        var allPictures = walker.Walk(allClasses.Select(name => Path.Combine(layout.ClassesRoot, name)).ToList());
        var all = Cached(root, "all", Files(layout.ClassesRoot, allClasses, allPictures, allClasses, options), shape, allClasses.Count, options, cancellation);
        var (trainIndices, testIndices) = Split(all, options);
        return new DataSplits($"{layout.Format} ({options.TestFraction:P0} of each class held out for testing, seed {options.Seed})",
            new ImageSourceView(all, trainIndices, $"{layout.ClassesRoot} (training share)"), new ImageSourceView(all, testIndices, $"{layout.ClassesRoot} (test share)"),
            allClasses, empty, (IDisposable)all);
    }

    static List<string> Classes(string root, TextWriter? log)
    {
        var classes = ImageFolderWalker.ClassFolderNames(root, log);
        if (classes.Count == 0)
            throw new DataFormatException(root, "has no class folders; an image folder holds one sub-folder of pictures per class (and may split them into train/ and test/, val/ or validation/).");
        if (classes.Count == 1)
            throw new DataFormatException(root, $"has one class folder ({classes[0]}); a classifier needs at least two classes. Add a folder of pictures for each other class.");
        return classes;
    }

    /// <summary>
    /// The pictures of each class folder, taken in turn from each class (the first of every class, then the second, ...),
    /// so that the first examples cover every class as MNIST's files do: a quick run on the first N, or a grid of the
    /// first 64, sees them all. The loader shuffles for training anyway. Entries that cannot be pictures stop the load or
    /// are skipped, as <see cref="ImageFolderOptions.Unreadable"/> says.
    /// </summary>
    static List<(string Path, int Label)> Files(string root, IReadOnlyList<string> folders, IReadOnlyList<ImageFolderWalker.ClassPictures> pictures,
        IReadOnlyList<string> classes, ImageFolderOptions options, bool allowEmpty = false)
    {
        var perClass = new List<(List<string> Images, int Label)>();
        for (int c = 0; c < folders.Count; c++)
        {
            foreach (var unreadable in pictures[c].Unreadable)
            {
                if (options.Unreadable == UnreadableImages.Stop) throw unreadable;
                options.Log?.WriteLine($"Skipped {unreadable.Message}");
            }
            string folder = Path.Combine(root, folders[c]);
            if (pictures[c].Images.Count == 0 && !allowEmpty)
                throw new DataFormatException(folder, "holds no PNG, JPEG, BMP or WebP images; add pictures of this class or remove the folder.");
            perClass.Add((pictures[c].Images, classes.ToList().IndexOf(folders[c])));
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

    /// <summary>The split's images from its cache file, decoding them into it first when it is missing, stale or damaged.</summary>
    static IImageSource Cached(string root, string split, List<(string Path, int Label)> files, ImageShape shape, int classCount, ImageFolderOptions options, CancellationToken cancellation)
    {
        byte[] key = Key(root, files, shape, options, cancellation);
        string folder = CacheFolder(root);
        foreach (string orphan in TemporaryFiles.DeleteOrphans(folder))
            options.Log?.WriteLine($"Removed {orphan}, left by a decode that was stopped.");
        string path = Path.Combine(folder, $"{split}-{shape.Channels}x{shape.Height}x{shape.Width}-{Convert.ToHexStringLower(key)[..16]}.bin");
        string description = Path.Combine(root, split == "all" ? "" : split);

        var contents = ImageCacheFile.TryRead(path, key, options.InMemoryLimitBytes, out string? problem);
        if (contents is not null && contents.Labels.Any(label => label < 0 || label >= classCount))
        {
            (contents, problem) = (null, $"it holds labels outside the {classCount} classes");
        }
        if (contents is null)
        {
            if (problem is not null) options.Log?.WriteLine($"The cache {path} cannot be used ({problem}): decoding again.");
            var clock = Stopwatch.StartNew();
            options.Log?.WriteLine($"Decoding {files.Count:N0} images of {description} to {shape} into {path} ...");
            ImageCacheFile.Write(path, shape, files.Count, key, (start, count) => DecodeChunk(files, start, count, shape, options, cancellation));
            foreach (string stale in Directory.EnumerateFiles(folder, $"{split}-{shape.Channels}x{shape.Height}x{shape.Width}-*.bin").Where(p => p != path)) File.Delete(stale);
            contents = ImageCacheFile.TryRead(path, key, options.InMemoryLimitBytes, out problem)
                ?? throw new IOException($"{path}: the cache just written cannot be read back ({problem}); check the disk.");
            options.Log?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Decoded {contents.Labels.Length:N0} images in {clock.Elapsed.TotalSeconds:F1} s; cache {new FileInfo(path).Length / 1e6:F1} MB."));
        }

        if (contents.Labels.Length == 0)
            throw new DataFormatException(description, "has no readable images left after skipping the unreadable ones.");
        if (contents.Pixels is null)
        {
            options.Log?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{description}: {contents.PixelBytes / 1e6:F0} MB of images is over the {options.InMemoryLimitBytes / 1e6:F0} MB in-memory limit; reading them from {path} as batches need them."));
            return new CachedImageFile(path, contents.Shape, contents.Labels, pixelsOffset: 0, description);
        }

        using var scope = NewDisposeScope();
        var images = tensor(contents.Pixels, dtype: ScalarType.Byte).reshape(contents.Labels.Length, shape.Channels, shape.Height, shape.Width);
        return new ImageDataset(images, tensor(Array.ConvertAll(contents.Labels, label => (long)label)), description);
    }

    /// <summary>
    /// One thread per core for decoding and hashing, which are bound by the CPU: an unbounded loop takes every thread the
    /// pool has, and work queued behind it (a SIGHUP's handler, which .NET runs on the pool) waits until it ends.
    /// </summary>
    static ParallelOptions Decoding(CancellationToken cancellation) =>
        new() { CancellationToken = cancellation, MaxDegreeOfParallelism = Environment.ProcessorCount };

    static IReadOnlyList<(byte[] Pixels, int Label)> DecodeChunk(List<(string Path, int Label)> files, int start, int count, ImageShape shape, ImageFolderOptions options, CancellationToken cancellation)
    {
        var decoded = new (byte[]? Pixels, DataFormatException? Error)[count];
        Parallel.For(0, count, Decoding(cancellation), i =>
        {
            try { decoded[i] = (ImageDecoder.Decode(files[start + i].Path, shape, options.MaxImagePixels), null); }
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

    /// <summary>
    /// The cache's key: the decoding settings, and every file's path, label and contents (an XxHash128 of its bytes), so
    /// a picture rewritten with the same size and time is decoded again, and a cache made under other settings is not used.
    /// </summary>
    static byte[] Key(string root, List<(string Path, int Label)> files, ImageShape shape, ImageFolderOptions options, CancellationToken cancellation)
    {
        var contents = new string[files.Count];
        Parallel.For(0, files.Count, Decoding(cancellation), i =>
        {
            try
            {
                using var file = File.OpenRead(files[i].Path);
                var hash = new XxHash128();
                hash.Append(file);
                contents[i] = Convert.ToHexStringLower(hash.GetCurrentHash());
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                contents[i] = $"unreadable: {error.GetType().Name}"; // decoding reports it, naming the file
            }
        });
        var text = new StringBuilder(FormattableString.Invariant($"v2 {shape} max {options.MaxImagePixels} {options.Unreadable}\n"));
        for (int i = 0; i < files.Count; i++)
            text.Append(CultureInfo.InvariantCulture, $"{Path.GetRelativePath(root, files[i].Path)}\t{files[i].Label}\t{contents[i]}\n");
        return SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary><c>.vit-cache</c> beside the data, or a folder in the per-user cache when the data folder is read-only.</summary>
    static string CacheFolder(string root)
    {
        string beside = Path.Combine(root, CacheFolderName);
        try
        {
            Directory.CreateDirectory(beside);
            string probe = Path.Combine(beside, $".probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
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

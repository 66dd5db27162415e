using System.Diagnostics;
using ViT.Data;
using Xunit.Abstractions;

namespace ViT.Runtime.Tests.Data;

/// <summary>
/// Seeded random image folders with every hostile thing issue 23 names: links back up, to themselves, to pictures
/// already read, into other classes and out of the data folder; FIFOs, empty, damaged and truncated files, decompression
/// bombs, dangling links, names that are not UTF-8, tooling folders; then damage to the cache and pictures rewritten
/// with the same size and time. Every case must end within its time limit with the outcome the generator predicts: the
/// error naming one of the entries that cause it, or the pictures loaded with each label matching the class its pixels
/// were drawn for, each picture once. <c>VIT_FOLDER_FUZZ_CASES</c> and <c>VIT_FOLDER_FUZZ_SEED</c> run more or other cases.
/// </summary>
public sealed class ImageFolderFuzzTests(ITestOutputHelper output)
{
    static readonly ImageShape Gray8 = new(1, 8, 8);
    static readonly TimeSpan CaseLimit = TimeSpan.FromSeconds(30);

    /// <summary>What the generator made, and so what loading must give.</summary>
    sealed class Tree
    {
        public readonly Dictionary<string, int> Pictures = new(); // per split/class: distinct readable pictures
        public readonly List<string> Fatal = [];                  // links that lead out of their class: loading must name one
        public readonly List<string> Unreadable = [];             // entries that are no picture: named under Stop, skipped under Skip
        public readonly Dictionary<string, int> Made = new();     // counts per kind, for the report
        public void Count(string kind) => Made[kind] = Made.GetValueOrDefault(kind) + 1;
    }

    [Fact]
    public void Random_hostile_folders_end_in_time_with_the_predicted_outcome_and_labels_that_match_the_pictures()
    {
        int cases = int.TryParse(Environment.GetEnvironmentVariable("VIT_FOLDER_FUZZ_CASES"), out int n) ? n : 80;
        int seed = int.TryParse(Environment.GetEnvironmentVariable("VIT_FOLDER_FUZZ_SEED"), out int s) ? s : 23;
        var tally = new Dictionary<string, int>();
        var failures = new List<string>();
        double slowest = 0;
        for (int i = 0; i < cases; i++)
        {
            var clock = Stopwatch.StartNew();
            string? failure = RunCase(seed, i, tally);
            slowest = Math.Max(slowest, clock.Elapsed.TotalSeconds);
            if (failure is not null) failures.Add($"case {i}: {failure}");
        }
        output.WriteLine($"{cases} cases (seed {seed}), slowest {slowest:F2} s; " + string.Join(", ", tally.OrderBy(t => t.Key).Select(t => $"{t.Key} {t.Value}")));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    static string? RunCase(int seed, int number, Dictionary<string, int> tally)
    {
        var random = new Random(HashCode.Combine(seed, number));
        string root = Directory.CreateTempSubdirectory("vit-folder-fuzz-").FullName;
        string outside = Directory.CreateTempSubdirectory("vit-folder-fuzz-outside-").FullName;
        try
        {
            var tree = Generate(root, outside, random);
            foreach (var (kind, count) in tree.Made) tally[kind] = tally.GetValueOrDefault(kind) + count;
            var mode = random.Next(2) == 0 ? UnreadableImages.Stop : UnreadableImages.Skip;
            var options = new ImageFolderOptions { Unreadable = mode, Log = TextWriter.Null };

            var (data, error) = Load(root, options);
            if (error is TimeoutException) return $"no result within {CaseLimit.TotalSeconds} s";
            if (tree.Fatal.Count > 0 || (mode == UnreadableImages.Stop && tree.Unreadable.Count > 0))
            {
                var named = tree.Fatal.Count > 0 ? tree.Fatal : tree.Unreadable;
                data?.Dispose();
                if (error is not DataFormatException refusal) return $"expected an error naming one of {string.Join(", ", named)}, got {Describe(error)}";
                if (!named.Contains(refusal.FilePath)) return $"the error names {refusal.FilePath}, not one of {string.Join(", ", named)}: {refusal.Message}";
                tally["refused as predicted"] = tally.GetValueOrDefault("refused as predicted") + 1;
                return null;
            }
            if (data is null) return $"expected the pictures, got {Describe(error)}";
            using (data)
            {
                if (Check(data, tree, tally) is string wrong) return wrong;
            }

            // The cache: damaged, or a picture rewritten with the same size and time; the next load must not trust it.
            string? damage = DamageCache(root, random, tally);
            var (again, againError) = Load(root, options);
            if (again is null) return $"after {damage}: {Describe(againError)}";
            using (again) return Check(again, tree, tally) is string wrongAgain ? $"after {damage}: {wrongAgain}" : null;
        }
        finally
        {
            using (var remove = Process.Start("rm", ["-rf", root, outside])) remove.WaitForExit();
        }
    }

    static (DataSplits? Data, Exception? Error) Load(string root, ImageFolderOptions options)
    {
        var load = Task.Run(() => ImageFolder.Load(root, Gray8, options));
        if (Task.WaitAny([load], CaseLimit) != 0) return (null, new TimeoutException());
        return load.IsCompletedSuccessfully ? (load.Result, null) : (null, load.Exception!.InnerException);
    }

    static string Describe(Exception? error) => error is null ? "no error" : $"{error.GetType().Name}: {error.Message}";

    /// <summary>Counts per split and class as generated, and every label the class its pixels were drawn for.</summary>
    static string? Check(DataSplits data, Tree tree, Dictionary<string, int> tally)
    {
        foreach (var (split, source) in new[] { ("train", data.Train), ("test", data.Test) })
        {
            long[] indices = Enumerable.Range(0, source.Count).Select(i => (long)i).ToArray();
            using var labels = source.ReadLabels(indices);
            using var images = source.ReadImages(indices);
            long[] given = labels.data<long>().ToArray();
            float[] means = images.mean([1, 2, 3]).data<float>().ToArray();
            for (int i = 0; i < given.Length; i++)
            {
                long drawn = (long)Math.Round((means[i] * 255 - 40) / 60);
                if (data.ClassNames[(int)given[i]] != $"c{drawn}") return $"{split} example {i} is labelled {data.ClassNames[(int)given[i]]} but its pixels are class c{drawn}'s";
            }
            foreach (var group in given.GroupBy(label => data.ClassNames[(int)label]))
            {
                int expected = tree.Pictures.GetValueOrDefault($"{split}/{group.Key}");
                if (group.Count() != expected) return $"{split}/{group.Key}: {group.Count()} pictures read, {expected} made";
            }
            tally["examples checked"] = tally.GetValueOrDefault("examples checked") + given.Length;
        }
        tally["loaded as predicted"] = tally.GetValueOrDefault("loaded as predicted") + 1;
        return null;
    }

    static Tree Generate(string root, string outside, Random random)
    {
        var tree = new Tree();
        int classes = random.Next(2, 5);
        foreach (string split in new[] { "train", "test" })
        {
            for (int c = 0; c < classes; c++)
            {
                string folder = Path.Combine(root, split, $"c{c}");
                var folders = new List<string> { folder };
                for (int d = random.Next(3); d > 0; d--) folders.Add(Path.Combine(folders[random.Next(folders.Count)], $"sub{d}"));
                var pictures = new List<string>();
                for (int p = random.Next(1, 5); p > 0; p--)
                {
                    string path = Path.Combine(folders[random.Next(folders.Count)], $"p{p}.bmp");
                    HostileFiles.GrayBmp(path, random.Next(4, 20), (byte)(40 + 60 * c));
                    pictures.Add(path);
                }
                tree.Pictures[$"{split}/c{c}"] = pictures.Count;
                for (int h = random.Next(3); h > 0; h--) Hostile(tree, random, root, outside, split, c, classes, folders[random.Next(folders.Count)], folder, pictures);
            }
        }
        return tree;
    }

    static void Hostile(Tree tree, Random random, string root, string outside, string split, int c, int classes, string here, string classFolder, List<string> pictures)
    {
        string name = $"h{random.Next(1_000_000)}";
        string path = Path.Combine(here, name);
        Directory.CreateDirectory(here);
        switch (random.Next(15))
        {
            case 0: Directory.CreateSymbolicLink(path, "."); tree.Count("link to itself"); break;
            case 1: Directory.CreateSymbolicLink(path, ".."); tree.Count("link back up"); break;
            case 2: File.CreateSymbolicLink(path + ".bmp", pictures[random.Next(pictures.Count)]); tree.Count("second link to a picture"); break;
            case 3:
                Directory.CreateSymbolicLink(path, Path.Combine(root, split, $"c{(c + 1) % classes}"));
                tree.Fatal.Add(path);
                tree.Count("link into another class");
                break;
            case 4:
                Directory.CreateSymbolicLink(path, outside);
                tree.Fatal.Add(path);
                tree.Count("link out of the data folder");
                break;
            case 5: Unreadable(tree, path + ".png", "FIFO", () => HostileFiles.Fifo(path + ".png")); break;
            case 6: Unreadable(tree, path + ".png", "empty file", () => File.WriteAllBytes(path + ".png", [])); break;
            case 7: Unreadable(tree, path + ".png", "random bytes", () => File.WriteAllBytes(path + ".png", RandomBytes(random, random.Next(1, 300)))); break;
            case 8:
                Unreadable(tree, path + ".bmp", "truncated picture", () =>
                {
                    HostileFiles.GrayBmp(path + ".bmp", 16, 0);
                    File.WriteAllBytes(path + ".bmp", File.ReadAllBytes(path + ".bmp")[..random.Next(10, 400)]);
                });
                break;
            case 9: Unreadable(tree, path + ".png", "decompression bomb", () => HostileFiles.Bomb(path + ".png", random.Next(10_000, 60_000), random.Next(10_000, 60_000))); break;
            case 10: Unreadable(tree, path + ".png", "dangling link", () => File.CreateSymbolicLink(path + ".png", "nothing-here.png")); break;
            case 11:
                byte[] raw = [.. "n"u8, (byte)random.Next(0x80, 0x100), .. ".bmp"u8];
                Unreadable(tree, Path.Combine(here, $"n\\x{raw[1]:x2}.bmp"), "name that is not UTF-8", () => HostileFiles.RawName(here, raw));
                break;
            case 12:
                HostileFiles.GrayBmp(Path.Combine(classFolder, ".ipynb_checkpoints", "p1-checkpoint.bmp"), 8, 250);
                HostileFiles.GrayBmp(Path.Combine(root, split, "__MACOSX", $"c{c}", "p1.bmp"), 8, 250);
                tree.Count("tooling folders");
                break;
            case 13: File.WriteAllText(path + ".txt", "notes"); tree.Count("file that is no picture"); break;
            default:
                string sub = Path.Combine(here, $"s{name}");
                HostileFiles.GrayBmp(Path.Combine(sub, "x.bmp"), 8, (byte)(40 + 60 * c));
                tree.Pictures[$"{split}/c{c}"]++;
                Directory.CreateSymbolicLink(path, sub);
                tree.Count("second link to a folder");
                break;
        }
    }

    static void Unreadable(Tree tree, string path, string kind, Action make)
    {
        make();
        tree.Unreadable.Add(path);
        tree.Count(kind);
    }

    static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    static string DamageCache(string root, Random random, Dictionary<string, int> tally)
    {
        string cache = Directory.GetFiles(Path.Combine(root, ImageFolder.CacheFolderName), "train-*.bin").Single();
        byte[] bytes = File.ReadAllBytes(cache);
        string kind;
        switch (random.Next(4))
        {
            case 0:
                bytes[random.Next(bytes.Length)] ^= (byte)random.Next(1, 256);
                kind = "cache byte flipped";
                break;
            case 1:
                bytes = bytes[..random.Next(bytes.Length)];
                kind = "cache truncated";
                break;
            case 2:
                bytes = [.. bytes, .. RandomBytes(random, random.Next(1, 100))];
                kind = "cache extended";
                break;
            default:
                // A picture rewritten with the same size and time: its class is unchanged, its pixels a shade brighter.
                string picture = Directory.GetFiles(Path.Combine(root, "train", "c0"), "p*.bmp", SearchOption.AllDirectories).First();
                var written = File.GetLastWriteTimeUtc(picture);
                byte[] image = File.ReadAllBytes(picture);
                for (int i = 54; i < image.Length; i++) image[i] = (byte)Math.Min(255, image[i] + 10);
                File.WriteAllBytes(picture, image);
                File.SetLastWriteTimeUtc(picture, written);
                tally["picture rewritten, same size and time"] = tally.GetValueOrDefault("picture rewritten, same size and time") + 1;
                return "a picture rewritten with the same size and time";
        }
        File.WriteAllBytes(cache, bytes);
        tally[kind] = tally.GetValueOrDefault(kind) + 1;
        return kind;
    }
}

using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;

using ViT.IO;

namespace ViT.Data;

/// <summary>
/// Gives a program MNIST the way torchvision and Keras do: the four files are downloaded once into a per-user cache
/// folder, each checked against the SHA-256 of its IDX contents, with progress, and an error that says where to put
/// the files by hand when there is no network.
/// </summary>
public static class MnistDownload
{
    /// <summary>
    /// The SHA-256 of each file's IDX contents (after gunzip), so that any faithful gzip of the original files is
    /// accepted: mirrors and the repository's copy compress them differently.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ContentSha256 { get; } = new Dictionary<string, string>
    {
        ["train-images-idx3-ubyte.gz"] = "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
        ["train-labels-idx1-ubyte.gz"] = "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
        ["t10k-images-idx3-ubyte.gz"] = "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
        ["t10k-labels-idx1-ubyte.gz"] = "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    };

    /// <summary>Where the files are fetched from, tried in order (torchvision's mirrors).</summary>
    public static IReadOnlyList<Uri> DefaultMirrors { get; } =
    [
        new("https://ossci-datasets.s3.amazonaws.com/mnist/"),
        new("https://storage.googleapis.com/cvdf-datasets/mnist/"),
    ];

    /// <summary>The per-user cache folder: <c>mnist</c> in <see cref="UserDataFolder.Root"/>.</summary>
    public static string DefaultDirectory => Path.Combine(UserDataFolder.Root, "mnist");

    /// <summary>
    /// Makes sure <paramref name="directory"/> (default <see cref="DefaultDirectory"/>) holds the four MNIST files,
    /// downloading the missing ones from <paramref name="mirrors"/>; returns the folder. Files already there are not
    /// fetched again; each new one is checked before it takes its final name, so a failed download leaves nothing half-written.
    /// </summary>
    public static string EnsureDownloaded(string? directory = null, IReadOnlyList<Uri>? mirrors = null, TextWriter? progress = null, HttpClient? client = null)
    {
        directory ??= DefaultDirectory;
        mirrors ??= DefaultMirrors;
        progress ??= Console.Out;
        var missing = ContentSha256.Keys.Where(name => !File.Exists(Path.Combine(directory, name))).ToList();
        if (missing.Count == 0) return directory;

        Directory.CreateDirectory(directory);
        foreach (string orphan in TemporaryFiles.DeleteOrphans(directory)) progress.WriteLine($"Removed {orphan}, left by a download that was stopped.");
        using var ownClient = client is null ? new HttpClient { Timeout = TimeSpan.FromMinutes(5) } : null;
        foreach (string name in missing) Download(name, directory, mirrors, progress, client ?? ownClient!);
        AtomicFile.WriteAllText(Path.Combine(directory, Sha256Sums.FileName), string.Concat(
            ContentSha256.Keys.Select(name => $"{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(directory, name))))}  {name}\n")));
        return directory;
    }

    static void Download(string name, string directory, IReadOnlyList<Uri> mirrors, TextWriter progress, HttpClient client)
    {
        string target = Path.Combine(directory, name);
        // A temporary name of its own (AtomicFile's pattern), so a download killed midway is recognised and removed later.
        string partial = Path.Combine(directory, TemporaryFiles.NameFor(name, 0));
        var failures = new List<string>();
        foreach (var mirror in mirrors)
        {
            var url = new Uri(mirror, name);
            try
            {
                Fetch(url, partial, progress, client);
                string actual = ContentHash(partial);
                if (actual != ContentSha256[name])
                {
                    failures.Add($"{url}: contents have SHA-256 {actual}, expected {ContentSha256[name]}");
                    continue;
                }
                File.Move(partial, target, overwrite: true);
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or InvalidDataException or TaskCanceledException)
            {
                failures.Add($"{url}: {e.Message}");
            }
            finally
            {
                File.Delete(partial);
            }
        }
        throw new IOException(
            $"Could not download MNIST's {name} ({string.Join("; ", failures)}). Without network, put the four files " +
            $"({string.Join(", ", ContentSha256.Keys)}) into {directory}, or pass a folder that holds them (Mnist.Load(folder), --data in the sample).");
    }

    static void Fetch(Uri url, string path, TextWriter progress, HttpClient client)
    {
        using var response = client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        long? total = response.Content.Headers.ContentLength;
        using var body = response.Content.ReadAsStream();
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        var buffer = new byte[1 << 16];
        long done = 0;
        int lastTenth = -1;
        for (int read; (read = body.Read(buffer)) > 0;)
        {
            file.Write(buffer, 0, read);
            done += read;
            int tenth = total is > 0 ? (int)(done * 10 / total.Value) : -1;
            if (tenth == lastTenth) continue;
            lastTenth = tenth;
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Downloading {url}: {done / 1e6:0.0} of {total / 1e6:0.0} MB"));
        }
        file.Flush(flushToDisk: true);
    }

    /// <summary>The SHA-256 of a file's contents after gunzip (of the file itself when it is not gzipped).</summary>
    internal static string ContentHash(string path)
    {
        using var file = File.OpenRead(path);
        bool gzipped = file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
        file.Position = 0;
        using Stream contents = gzipped ? new GZipStream(file, CompressionMode.Decompress) : file;
        return Convert.ToHexStringLower(SHA256.HashData(contents));
    }
}

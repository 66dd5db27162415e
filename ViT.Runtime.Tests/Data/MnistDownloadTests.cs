using System.Net;
using System.Net.Sockets;
using ViT.Data;

namespace ViT.Runtime.Tests.Data;

/// <summary>The MNIST download, against a local HTTP server that serves the repository's copy (never the internet).</summary>
public sealed class MnistDownloadTests : IDisposable
{
    readonly string _cache = Directory.CreateTempSubdirectory("vit-mnist-cache-").FullName;
    readonly string _served = Directory.CreateTempSubdirectory("vit-mnist-served-").FullName;

    public void Dispose()
    {
        Directory.Delete(_cache, recursive: true);
        Directory.Delete(_served, recursive: true);
    }

    /// <summary>Serves the files of <see cref="_served"/> until disposed; counts the requests.</summary>
    sealed class LocalServer : IDisposable
    {
        readonly HttpListener _listener = new();
        public int Requests;

        public LocalServer(string folder)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Address = new Uri($"http://127.0.0.1:{port}/mnist/");
            _listener.Prefixes.Add(Address.ToString());
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try { context = await _listener.GetContextAsync(); } catch { return; }
                    Interlocked.Increment(ref Requests);
                    string path = Path.Combine(folder, Path.GetFileName(context.Request.Url!.LocalPath));
                    if (File.Exists(path))
                    {
                        byte[] bytes = await File.ReadAllBytesAsync(path);
                        context.Response.ContentLength64 = bytes.Length;
                        await context.Response.OutputStream.WriteAsync(bytes);
                    }
                    else context.Response.StatusCode = 404;
                    context.Response.Close();
                }
            });
        }

        public Uri Address { get; }

        public void Dispose() => _listener.Stop();
    }

    void Serve(bool corruptTrainImages = false)
    {
        foreach (string name in MnistDownload.ContentSha256.Keys)
            File.Copy(Path.Combine(ViT.Samples.SampleData.MnistDirectory, name), Path.Combine(_served, name));
        if (corruptTrainImages)
        {
            string path = Path.Combine(_served, "train-labels-idx1-ubyte.gz");
            byte[] bytes = File.ReadAllBytes(path);
            bytes[^20] ^= 0xFF;
            File.WriteAllBytes(path, bytes);
        }
    }

    [Fact]
    public void Downloads_checks_reports_progress_and_loads_then_never_fetches_again()
    {
        Serve();
        using var server = new LocalServer(_served);
        var progress = new StringWriter();

        string folder = MnistDownload.EnsureDownloaded(_cache, [server.Address], progress);
        using (var mnist = Mnist.Load(folder)) Assert.Equal(60_000, mnist.Train.Count);

        Assert.Contains($"Downloading {server.Address}train-images-idx3-ubyte.gz:", progress.ToString());
        Assert.Contains("of 9.7 MB", progress.ToString());
        Assert.Equal(4, server.Requests);
        MnistDownload.EnsureDownloaded(_cache, [server.Address], progress);
        Assert.Equal(4, server.Requests);
    }

    [Fact]
    public void A_corrupt_download_is_refused_and_leaves_no_file()
    {
        Serve(corruptTrainImages: true);
        using var server = new LocalServer(_served);

        var error = Assert.ThrowsAny<IOException>(() => MnistDownload.EnsureDownloaded(_cache, [server.Address], TextWriter.Null));

        Assert.Contains("train-labels-idx1-ubyte.gz", error.Message);
        Assert.False(File.Exists(Path.Combine(_cache, "train-labels-idx1-ubyte.gz")));
        Assert.Empty(Directory.GetFiles(_cache, "*.part"));
    }

    [Fact]
    public void Offline_the_error_says_where_to_put_the_files()
    {
        using var server = new LocalServer(_served);
        server.Dispose(); // nothing listens there now

        var error = Assert.Throws<IOException>(() => MnistDownload.EnsureDownloaded(_cache, [server.Address], TextWriter.Null));

        Assert.Contains("Could not download MNIST's", error.Message);
        Assert.Contains($"put the four files (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz) into {_cache}", error.Message);
    }
}

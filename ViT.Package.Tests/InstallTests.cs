using System.Diagnostics;
using ViT.Docs.Tests;
using Xunit.Abstractions;

namespace ViT.Package.Tests;

/// <summary>
/// A new user's first hour, as the README tells it: its install commands run verbatim by bash in a copy of the
/// repository, in a fresh home folder (the machine's NuGet sources, nuget.org, and nothing else) with an empty NuGet
/// cache (NUGET_PACKAGES); then the README's example as Program.cs, built and run; then the template commands and the
/// new project trained for one epoch. MNIST comes from the repository's copy through VITSHARP_DATA, as offline users
/// point it at theirs: its first 6,000 training and 1,000 test images, so that the example's epoch ends in time on a
/// machine that other builds share (it trained 9 images a second there with the whole set).
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class InstallTests(ITestOutputHelper output)
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(25);

    [Fact]
    public void The_readme_install_commands_work_on_an_empty_cache_its_example_runs_and_the_template_trains()
    {
        var root = Directory.CreateTempSubdirectory("vit-install-");
        try
        {
            string home = Directory.CreateDirectory(Path.Combine(root.FullName, "home")).FullName;
            string cache = Directory.CreateDirectory(Path.Combine(root.FullName, "nuget-packages")).FullName;
            string data = Path.Combine(root.FullName, "data");
            string clone = CopyRepository(Path.Combine(root.FullName, "vit-sharp"));
            WriteFirstImages(Path.Combine(RepositorySettings.RepoRoot, "data", "mnist"), Path.Combine(data, "mnist"), train: 6000, test: 1000);
            var environment = new Dictionary<string, string> { ["HOME"] = home, ["NUGET_PACKAGES"] = cache, ["VITSHARP_DATA"] = data };
            if (Environment.GetEnvironmentVariable("NUGET_CERT_REVOCATION_MODE") is { } revocation) environment["NUGET_CERT_REVOCATION_MODE"] = revocation;

            var readme = CodeBlock.Read("README.md", File.ReadAllText(Path.Combine(RepositorySettings.RepoRoot, "README.md")));
            string install = readme.Single(b => b.Language == "shell" && b.Has("install")).Code;
            string example = readme.First(b => b.Language == "csharp").Code;
            var template = readme.Single(b => b.Language == "shell" && b.Has("template")).Code.Split('\n', StringSplitOptions.RemoveEmptyEntries);

            var installed = Bash(clone, environment, install);
            Assert.True(installed.ExitCode == 0, installed.Output);
            string version = Assert.Single(Directory.GetDirectories(Path.Combine(cache, "vit.runtime")).Select(Path.GetFileName))!;
            Assert.StartsWith("0.1.0-dev.", version, StringComparison.Ordinal); // a version of its own, never an earlier pack's
            output.WriteLine($"install commands on an empty NuGet cache: {installed.Duration.TotalSeconds:F0} s");

            string app = Path.Combine(home, "MyApp");
            File.WriteAllText(Path.Combine(app, "Program.cs"), example);
            var ran = DotnetCli.Run("dotnet", app, environment, Limit, "run");
            Assert.True(ran.ExitCode == 0, ran.Output);
            Assert.Matches(@"test accuracy \d+\.\d+ ?%", ran.Output);
            Assert.DoesNotContain("warning", ran.Output, StringComparison.OrdinalIgnoreCase);
            Assert.True(File.Exists(Path.Combine(app, "timm.onnx")));
            output.WriteLine($"README example built and trained for an epoch: {ran.Duration.TotalSeconds:F0} s");

            // The template's commands, with MNIST's ten classes for the README's five flower folders; its run trains one epoch.
            int made = Array.FindIndex(template, line => line.StartsWith("dotnet new vit-classifier", StringComparison.Ordinal));
            var prepared = Bash(clone, environment, string.Join('\n', template[..made]));
            Assert.True(prepared.ExitCode == 0, prepared.Output);
            var clock = Stopwatch.StartNew();
            string steps = string.Join('\n', template[made..].Where(l => !l.StartsWith("dotnet run", StringComparison.Ordinal))).Replace("--classes 5", "--classes 10", StringComparison.Ordinal);
            var created = Bash(clone, environment, steps);
            Assert.True(created.ExitCode == 0, created.Output);
            string project = Path.Combine(home, "Flowers");
            var trained = DotnetCli.Run("dotnet", project, environment, Limit, "run", "--", Path.Combine(data, "mnist"), "--epochs", "1", "--limit", "1000");
            Assert.True(trained.ExitCode == 0, trained.Output);
            Assert.Matches(@"test accuracy \d+\.\d+ ?% after 1 epochs", trained.Output);
            Assert.True(File.Exists(Path.Combine(project, "out", "classifier.onnx")), trained.Output);
            output.WriteLine($"template: dotnet new to a model trained for an epoch on 2,000 images: {clock.Elapsed.TotalSeconds:F0} s");

            var wrong = DotnetCli.Run("dotnet", project, environment, Limit, "run", "--", Path.Combine(root.FullName, "no-such-folder"));
            Assert.Equal(1, wrong.ExitCode);
            Assert.Contains("error:", wrong.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", wrong.Output, StringComparison.Ordinal);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    static CommandResult Bash(string folder, IReadOnlyDictionary<string, string> environment, string script) =>
        DotnetCli.Run("bash", folder, environment, Limit, "-euo", "pipefail", "-c", script);

    /// <summary>The files a fresh clone of the working tree has (tracked, and new files git does not ignore).</summary>
    static string CopyRepository(string destination)
    {
        var listed = DotnetCli.Run("git", RepositorySettings.RepoRoot, "ls-files", "-co", "--exclude-standard", "-z");
        Assert.True(listed.ExitCode == 0, listed.Output);
        foreach (string file in listed.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(f => f.Trim('\n', '\r')))
        {
            string from = Path.Combine(RepositorySettings.RepoRoot, file);
            if (!File.Exists(from)) continue; // deleted in the working tree
            string to = Path.Combine(destination, file);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to);
        }

        return destination;
    }

    /// <summary>MNIST's IDX files cut to their first examples: the header with the new count, then that many records.</summary>
    static void WriteFirstImages(string from, string to, int train, int test)
    {
        Directory.CreateDirectory(to);
        foreach (var (prefix, count) in new[] { ("train", train), ("t10k", test) })
        {
            foreach (var (kind, header, recordBytes) in new[] { ("images-idx3-ubyte", 16, 28 * 28), ("labels-idx1-ubyte", 8, 1) })
            {
                string name = $"{prefix}-{kind}.gz";
                using var input = new System.IO.Compression.GZipStream(File.OpenRead(Path.Combine(from, name)), System.IO.Compression.CompressionMode.Decompress);
                var bytes = new byte[header + (count * recordBytes)];
                input.ReadExactly(bytes);
                System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
                using var output = new System.IO.Compression.GZipStream(File.Create(Path.Combine(to, name)), System.IO.Compression.CompressionLevel.Fastest);
                output.Write(bytes);
            }
        }
    }
}

using System.Diagnostics;
using System.Text.Json;

namespace ViT.Runtime.Tests.Deployment;

/// <summary>
/// The browser sample (ViT.Samples.Browser) driven by its test script in headless Chromium. What it needs that not every
/// machine has: Node.js, Debian's Chromium (or <c>$CHROMIUM</c>) and the sample's npm packages (<c>npm ci</c>). Where
/// they are missing the page test is skipped, saying what is missing, unless <c>VIT_BROWSER_TESTS=required</c> (as CI
/// sets it), which turns the skip into a failure.
/// </summary>
internal static class BrowserPage
{
    public static string Folder => Path.Combine(RepositoryRoot, "ViT.Samples.Browser");

    static string RepositoryRoot =>
        typeof(BrowserPage).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    static string Chromium => Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium";

    public static bool Required => Environment.GetEnvironmentVariable("VIT_BROWSER_TESTS") == "required";

    /// <summary>What the page test lacks on this machine, or null when it can run.</summary>
    public static string? Missing()
    {
        if (!OnPath("node")) return "Node.js (node) is not on PATH";
        if (!File.Exists(Chromium)) return $"there is no Chromium at {Chromium} (apt-get install chromium, or set CHROMIUM)";
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "playwright-core")) || !Directory.Exists(Path.Combine(Folder, "node_modules", "onnxruntime-web")))
            return $"the browser sample's packages are not installed (npm ci --prefix {Folder})";
        return null;
    }

    static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(folder => File.Exists(Path.Combine(folder, program)));

    /// <summary>One line of the script's output: a picture and the page's top classes.</summary>
    public sealed record PageResult(string File, (int Index, string Name, float Probability)[] Top);

    /// <summary>Runs the script on <paramref name="model"/> and the PNGs of <paramref name="pictures"/>; returns each picture's result and the drawn digit's list.</summary>
    public static (IReadOnlyList<PageResult> Pictures, string[] Drawn) Classify(string model, string pictures, string screenshot)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "test/classify-pictures.mjs", "--model", model, "--pictures", pictures, "--top", "3", "--draw", "--screenshot", screenshot })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the page test did not finish within 5 minutes:\n{output}\n{error.Result}");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"the page test failed (exit code {process.ExitCode}):\n{output}\n{error.Result}");

        var results = new List<PageResult>();
        string[] drawn = [];
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.TryGetProperty("drawn", out var shown)) drawn = shown.EnumerateArray().Select(item => item.GetString()!).ToArray();
            else results.Add(new PageResult(root.GetProperty("file").GetString()!, root.GetProperty("top").EnumerateArray()
                .Select(s => (s.GetProperty("index").GetInt32(), s.GetProperty("name").GetString()!, s.GetProperty("probability").GetSingle())).ToArray()));
        }
        return (results, drawn);
    }
}

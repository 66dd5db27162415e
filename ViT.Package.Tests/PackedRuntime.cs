namespace ViT.Package.Tests;

/// <summary>
/// ViT.Runtime and ViT.Onnx (and ViT.Models on demand) packed by <c>dotnet pack</c> into a local feed in a temporary folder, once per test class. Each pack
/// gets a version of its own (the solution's version with a <c>-smoke.*</c> suffix), so a restore can never pick up
/// a package that an earlier run left in a NuGet cache.
/// </summary>
public sealed class PackedRuntime : IDisposable
{
    readonly Lazy<CommandResult> _models;

    /// <summary>Packs the runtime; fails with the pack output if it does not succeed.</summary>
    public PackedRuntime()
    {
        Root = Directory.CreateTempSubdirectory("vit-package-").FullName;
        Feed = Path.Combine(Root, "feed");
        Version = $"{RepositorySettings.VersionPrefix}-smoke.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        foreach (string project in new[] { RepositorySettings.RuntimeProject, RepositorySettings.OnnxProject }) Pack = PackProject(project);
        _models = new(() => PackProject(RepositorySettings.ModelsProject));
        UserPackagesFolder = FindUserPackagesFolder();
    }

    /// <summary>The temporary folder that holds the feed and the users' projects.</summary>
    public string Root { get; }

    /// <summary>The local feed holding ViT.Runtime.{Version}.nupkg and its .snupkg.</summary>
    public string Feed { get; }

    /// <summary>The version this pack gave the package.</summary>
    public string Version { get; }

    /// <summary>What the last <c>dotnet pack</c> printed, and how long it took.</summary>
    public CommandResult Pack { get; } = null!;

    /// <summary>
    /// Packs ViT.Models (the zoo) into the feed on the first call, so that only the tests that use it pay for building
    /// its fourteen models.
    /// </summary>
    public void PackModels() => _ = _models.Value;

    /// <summary>The runtime's package file.</summary>
    public string PackagePath => PathOf("ViT.Runtime");

    /// <summary>The package file of <paramref name="id"/> (ViT.Runtime, ViT.Onnx or ViT.Models).</summary>
    public string PathOf(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    /// <summary>
    /// The machine's NuGet cache. The users' projects read packages from it without writing to it (a fallback folder),
    /// so TorchSharp is not extracted again, and this test's package lands in a cache of its own.
    /// </summary>
    public string UserPackagesFolder { get; }

    static string FindUserPackagesFolder()
    {
        if (Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured) return configured;
        var locals = DotnetCli.Dotnet(Path.GetTempPath(), "nuget", "locals", "global-packages", "--list");
        string? line = locals.Output.Split('\n').FirstOrDefault(l => l.StartsWith("global-packages:", StringComparison.Ordinal));
        return line?["global-packages:".Length..].Trim()
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
    }

    CommandResult PackProject(string project)
    {
        var pack = DotnetCli.Dotnet(Root, "pack", project, "-c", RepositorySettings.Configuration, "-o", Feed, $"-p:PackageVersion={Version}", "--nologo");
        return pack.ExitCode == 0 ? pack : throw new InvalidOperationException($"dotnet pack of {project} failed:\n{pack.Output}");
    }

    /// <summary>Deletes the feed and every project made from it.</summary>
    public void Dispose() => Directory.Delete(Root, recursive: true);
}

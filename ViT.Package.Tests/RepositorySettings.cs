using System.Reflection;

namespace ViT.Package.Tests;

/// <summary>The repository's settings that the test project's build wrote into this assembly.</summary>
public static class RepositorySettings
{
    /// <summary>ViT.Runtime's project file, which the tests pack.</summary>
    public static string RuntimeProject => Read(nameof(RuntimeProject));

    /// <summary>ViT.Onnx's project file, which the tests pack beside the runtime.</summary>
    public static string OnnxProject => Read(nameof(OnnxProject));

    /// <summary>ViT.Models's project file (the zoo), which the zoo's test packs.</summary>
    public static string ModelsProject => Read(nameof(ModelsProject));

    /// <summary>The build configuration the tests run in; the package is packed in the same one.</summary>
    public static string Configuration => Read(nameof(Configuration));

    /// <summary>The solution's version before any suffix, from Directory.Build.props.</summary>
    public static string VersionPrefix => Read(nameof(VersionPrefix));

    /// <summary>The TorchSharp version pinned centrally; the user's project adds the backend package at this version.</summary>
    public static string TorchSharpVersion => Read(nameof(TorchSharpVersion));

    /// <summary>The backend the repository's own applications use (<c>cpu</c> here): the user's project adds <c>TorchSharp-{backend}</c>.</summary>
    public static string TorchBackend => Read(nameof(TorchBackend));

    /// <summary>The repository's root folder (its README, and the files a fresh clone has).</summary>
    public static string RepoRoot => Read(nameof(RepoRoot));

    static string Read(string key) =>
        typeof(RepositorySettings).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test assembly lacks the {key} metadata that ViT.Package.Tests.csproj writes.");
}

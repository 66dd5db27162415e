using System.Runtime.InteropServices;

namespace ViT.Package.Tests;

/// <summary>What <c>dotnet build</c> of a user's project said: its exit code, its output and the diagnostics in it.</summary>
public sealed record BuildResult(int ExitCode, string Output, IReadOnlyList<BuildDiagnostic> Diagnostics, TimeSpan Duration)
{
    /// <summary>The errors among the diagnostics.</summary>
    public IEnumerable<BuildDiagnostic> Errors => Diagnostics.Where(d => d.Severity == "error");
}

/// <summary>
/// A new console project, as a user would make one, in a folder outside the repository: it references the packed
/// ViT.Runtime from the local feed and the TorchSharp backend package (or, to deploy, the packed ViT.Onnx alone), and
/// nothing else. The one place that writes such a project, builds, runs and publishes it; add a model by writing its
/// source with <see cref="WriteSource"/>.
/// </summary>
public sealed class UserProject
{
    readonly PackedRuntime _package;

    UserProject(PackedRuntime package, string folder, string name)
    {
        _package = package;
        Folder = folder;
        Name = name;
    }

    /// <summary>The project's folder.</summary>
    public string Folder { get; }

    /// <summary>The project's (and its program's) name.</summary>
    public string Name { get; }

    /// <summary>
    /// Writes the project file and NuGet.config of a console program named <paramref name="name"/> that trains with
    /// ViT.Runtime, with the TorchSharp backend package unless told otherwise.
    /// </summary>
    public static UserProject Create(PackedRuntime package, string name, bool withBackend = true) => withBackend
        ? Create(package, name, ("ViT.Runtime", package.Version), ($"TorchSharp-{RepositorySettings.TorchBackend}", RepositorySettings.TorchSharpVersion))
        : Create(package, name, ("ViT.Runtime", package.Version));

    /// <summary>
    /// A console program named <paramref name="name"/> that references ViT.Runtime, the packed zoo (ViT.Models, packed
    /// now if it is not yet) and the TorchSharp backend package.
    /// </summary>
    public static UserProject CreateWithZoo(PackedRuntime package, string name)
    {
        package.PackModels();
        return Create(package, name, ("ViT.Runtime", package.Version), ("ViT.Models", package.Version),
            ($"TorchSharp-{RepositorySettings.TorchBackend}", RepositorySettings.TorchSharpVersion));
    }

    /// <summary>A console program named <paramref name="name"/> that references the packed ViT.Onnx and nothing else, as a deploying application does.</summary>
    public static UserProject CreateOnnxOnly(PackedRuntime package, string name) => Create(package, name, ("ViT.Onnx", package.Version));

    static UserProject Create(PackedRuntime package, string name, params (string Id, string Version)[] references)
    {
        string folder = Path.Combine(package.Root, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, $"{name}.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
            {string.Concat(references.Select(r => $"    <PackageReference Include=\"{r.Id}\" Version=\"{r.Version}\" />\n"))}  </ItemGroup>
            </Project>
            """);
        // The machine's sources stay (no <clear/>); the local feed is added. Packages are extracted into a cache of this
        // test run (outside the project folder, whose **/*.cs the SDK compiles), reading the machine's cache first.
        File.WriteAllText(Path.Combine(folder, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(package.Root, "packages")}" />
              </config>
              <packageSources>
                <add key="vit-local" value="{package.Feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine-cache" value="{package.UserPackagesFolder}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        return new UserProject(package, folder, name);
    }

    /// <summary>Writes (or replaces) a source file of the project.</summary>
    public void WriteSource(string fileName, string code) => File.WriteAllText(Path.Combine(Folder, fileName), code);

    /// <summary>Removes a source file from the project.</summary>
    public void DeleteSource(string fileName) => File.Delete(Path.Combine(Folder, fileName));

    /// <summary>The build files above the project that MSBuild or NuGet would import; a user's fresh folder has none.</summary>
    public IReadOnlyList<string> InheritedBuildFiles()
    {
        string[] names = ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json"];
        var found = new List<string>();
        for (var folder = Directory.GetParent(Folder); folder is not null; folder = folder.Parent)
            found.AddRange(names.Select(name => Path.Combine(folder.FullName, name)).Where(File.Exists));
        return found;
    }

    /// <summary><c>dotnet build</c>: restores from the feed, runs the generator and analyzers, compiles.</summary>
    public BuildResult Build()
    {
        var result = DotnetCli.Dotnet(Folder, "build", "-nologo", "-nodeReuse:false");
        return new BuildResult(result.ExitCode, result.Output, BuildDiagnostic.Parse(result.Output), result.Duration);
    }

    /// <summary><c>dotnet run</c> of the last build, with <paramref name="arguments"/> for the program.</summary>
    public CommandResult Run(params string[] arguments) => DotnetCli.Dotnet(Folder, ["run", "--no-build", "--", .. arguments]);

    /// <summary>The packages the build output's <c>.deps.json</c> lists: what the program really depends on.</summary>
    public string DepsJson() => File.ReadAllText(Directory.GetFiles(Path.Combine(Folder, "bin"), $"{Name}.deps.json", SearchOption.AllDirectories).Single());

    /// <summary><c>dotnet publish -r &lt;this machine's RID&gt;</c> into a folder of its own; returns the publish output and folder.</summary>
    public (CommandResult Result, string Folder) Publish(bool selfContained)
    {
        string output = Path.Combine(Folder, selfContained ? "publish-self-contained" : "publish-framework-dependent");
        var result = DotnetCli.Dotnet(Folder, "publish", "-nologo", "-nodeReuse:false", "-r", RuntimeInformation.RuntimeIdentifier,
            "--self-contained", selfContained ? "true" : "false", "-o", output);
        return (result, output);
    }

    /// <summary>Runs the program a publish wrote, from outside its folder, as a deployed program would be started.</summary>
    public CommandResult RunPublished(string publishFolder) =>
        DotnetCli.Run(Path.Combine(publishFolder, OperatingSystem.IsWindows() ? $"{Name}.exe" : Name), _package.Root);
}

using System.IO.Compression;
using System.Xml.Linq;

namespace ViT.Package.Tests;

/// <summary>What <c>unzip -p ViT.Runtime.*.nupkg ViT.Runtime.nuspec</c> shows a NuGet user, and the files beside it.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageMetadataTests(PackedRuntime package)
{
    XElement Metadata(string id = "ViT.Runtime")
    {
        using var archive = ZipFile.OpenRead(package.PathOf(id));
        using var nuspec = archive.GetEntry($"{id}.nuspec")!.Open();
        var document = XDocument.Load(nuspec);
        return document.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    static string Value(XElement metadata, string name) =>
        metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? "";

    [Fact]
    public void The_nuspec_describes_the_package()
    {
        var metadata = Metadata();

        Assert.Equal("ViT.Runtime", Value(metadata, "id"));
        Assert.Equal(package.Version, Value(metadata, "version"));
        Assert.StartsWith("0.", package.Version);
        Assert.Equal("ViT# contributors", Value(metadata, "authors"));
        Assert.Contains("Vision Transformers", Value(metadata, "description"));
        Assert.Equal("MIT", Value(metadata, "license"));
        Assert.Equal("README.md", Value(metadata, "readme"));
        Assert.Contains("torchsharp", Value(metadata, "tags").Split(' '));
        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.Equal("git", repository.Attribute("type")?.Value);
        Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")?.Value ?? "");
    }

    [Fact]
    public void The_package_depends_on_managed_TorchSharp_and_leaves_the_backend_to_the_application()
    {
        var dependencies = Metadata().Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => e.Attribute("id")!.Value).ToList();

        Assert.Contains("TorchSharp", dependencies);
        Assert.DoesNotContain(dependencies, id => id.StartsWith("TorchSharp-", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(dependencies, id => id.StartsWith("libtorch", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_package_carries_the_library_its_docs_the_analyzers_the_build_logic_and_the_readme()
    {
        using var archive = ZipFile.OpenRead(package.PackagePath);
        var files = archive.Entries.Select(e => e.FullName).ToHashSet();

        Assert.Contains("lib/net10.0/ViT.Runtime.dll", files);
        Assert.Contains("lib/net10.0/ViT.Runtime.xml", files);
        Assert.Contains("analyzers/dotnet/cs/ViT.Generators.dll", files);
        Assert.Contains("analyzers/dotnet/cs/ViT.CodeFixes.dll", files);
        Assert.Contains("buildTransitive/ViT.Runtime.targets", files);
        Assert.Contains("buildTransitive/TorchSharpOnDebian.targets", files);
        Assert.Contains("buildTransitive/RelaxLibStdCxxRequirement.cs", files);
        Assert.Contains("README.md", files);
        Assert.True(File.Exists(Path.ChangeExtension(package.PackagePath, ".snupkg")), "no symbols package beside the package");
    }

    [Fact]
    public void The_onnx_package_describes_itself_carries_its_readme_and_depends_on_ONNX_Runtime_not_TorchSharp()
    {
        var metadata = Metadata("ViT.Onnx");
        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).ToList();
        using var archive = ZipFile.OpenRead(package.PathOf("ViT.Onnx"));
        var files = archive.Entries.Select(e => e.FullName).ToHashSet();

        Assert.Equal("ViT.Onnx", Value(metadata, "id"));
        Assert.Equal(package.Version, Value(metadata, "version"));
        Assert.NotEqual("Package Description", Value(metadata, "description"));
        Assert.Contains("ONNX Runtime", Value(metadata, "description"));
        Assert.Contains("onnx", Value(metadata, "tags").Split(' '));
        Assert.Equal("MIT", Value(metadata, "license"));
        Assert.Equal("README.md", Value(metadata, "readme"));
        Assert.Contains("README.md", files);
        Assert.Contains("lib/net10.0/ViT.Onnx.xml", files);
        Assert.Contains("Microsoft.ML.OnnxRuntime", dependencies);
        Assert.Contains("SkiaSharp", dependencies);
        Assert.DoesNotContain(dependencies, id => id.StartsWith("TorchSharp", StringComparison.OrdinalIgnoreCase) || id == "ViT.Runtime");
    }
}

using System.Reflection;

namespace ViT.Runtime.Tests.Training;

/// <summary>The examples in the docs are the code the tests run, not a copy that drifts.</summary>
public sealed class DocsExampleTests
{
    static string RepoRoot => typeof(DocsExampleTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    [Fact]
    public void The_early_stopping_example_in_training_md_is_the_tested_callback()
    {
        string source = File.ReadAllText(Path.Combine(RepoRoot, "ViT.Runtime.Tests", "Training", "EarlyStopping.cs")).ReplaceLineEndings("\n");
        string example = source[source.IndexOf("/// <summary>Stops training", StringComparison.Ordinal)..].Trim();
        string docs = File.ReadAllText(Path.Combine(RepoRoot, "docs", "training.md")).ReplaceLineEndings("\n");

        Assert.Contains("using ViT.Training.Callbacks;\n\n" + example + "\n```", docs);
    }

    [Fact]
    public void The_ViT_Onnx_example_in_deployment_md_is_the_program_the_package_test_builds_from_the_packed_package()
    {
        string source = File.ReadAllText(Path.Combine(RepoRoot, "ViT.Package.Tests", "OnnxPackageTests.cs")).ReplaceLineEndings("\n");
        int start = source.IndexOf("const string Classifier = \"\"\"\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "OnnxPackageTests has no Classifier program");
        start += "const string Classifier = \"\"\"\n".Length;
        string body = source[start..source.IndexOf("\"\"\";", start, StringComparison.Ordinal)];
        string example = string.Join("\n", body.Split('\n').Select(line => line.Length >= 8 ? line[8..] : line.TrimStart())).Trim();
        string docs = File.ReadAllText(Path.Combine(RepoRoot, "docs", "deployment.md")).ReplaceLineEndings("\n");

        Assert.Contains("```csharp\n" + example + "\n```", docs);
    }
}

using System.Reflection;

namespace ViT.Runtime.Tests.Training;

/// <summary>The examples in the docs are the code the tests run, not a copy that drifts.</summary>
public sealed class DocsExampleTests
{
    static string RepoRoot => typeof(DocsExampleTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    [Fact]
    public void The_callback_example_in_training_md_is_the_tested_callback()
    {
        string source = File.ReadAllText(Path.Combine(RepoRoot, "ViT.Runtime.Tests", "Training", "StopAtTarget.cs")).ReplaceLineEndings("\n");
        string example = source[source.IndexOf("/// <summary>Stops training", StringComparison.Ordinal)..].Trim();
        string docs = File.ReadAllText(Path.Combine(RepoRoot, "docs", "training.md")).ReplaceLineEndings("\n");

        Assert.Contains("```csharp\n" + example + "\n```", docs);
    }
}

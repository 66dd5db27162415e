using System.Globalization;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace ViT.Package.Tests;

/// <summary>
/// The zoo as a user gets it: a project that references the packed ViT.Models builds its classes, loads a reference's
/// state dict into them strictly and reproduces the reference's logits; and the zoo's ResNet-18 copied into the user's
/// project, with the projection shortcut not given the block's width, fails to build with the VIT error at the use site.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class ZooPackageTests(PackedRuntime package, ITestOutputHelper output)
{
    /// <summary>ViT.Models.Tests's reference helpers (docs/zoo-reference.md), compiled into the user's program as they are.</summary>
    static readonly string[] ReferenceHelpers = ["ZooFixture", "StateDictEntry", "FormulaRule", "FormulaWeights", "LogitDifference", "ZooReference", "ZooClass"];

    /// <summary>A convolutional network and a transformer; ViT.Models.Tests checks all fourteen.</summary>
    static readonly string[] Models = ["ResNet18", "DeitTinyDistilledPatch16"];

    /// <summary>For each model named after the fixture folder: the reference's state dict, loaded strictly, and the logits' difference.</summary>
    const string Program = """
        using ViT.Models.Tests.Zoo;

        foreach (string model in args[1..])
        {
            var fixture = ZooFixture.Read(Path.Combine(args[0], $"{model}.safetensors"));
            using var module = ZooClass.Named(model).Create();
            var difference = ZooReference.LoadStrictlyAndCompare(module, fixture, $"{model}.weights.safetensors");
            Console.WriteLine($"{model} ({module.GetType().FullName}) loads {fixture.Reference}'s state dict strictly: max rel {difference.Relative:E2}");
        }

        """;

    /// <summary>The zoo's own ResNet-18 files that the user copies into their project.</summary>
    static readonly string[] ResNetFiles = ["Downsample.cs", "BasicBlock.cs", "ResNet18.cs"];

    /// <summary>The mistake: the copied block does not give its shortcut its width, which then stays at 64 channels.</summary>
    const string Correct = "[AddInput(typeof(Downsample), \"Width, Stride\", Name = \"downsample\")]";
    const string WidthLeftOut = "[AddInput(typeof(Downsample), \"Stride: Stride\", Name = \"downsample\")]";

    [Fact]
    public void A_project_that_references_ViT_Models_loads_a_reference_strictly_and_a_wrong_shortcut_width_is_a_VIT_error_at_its_use()
    {
        var project = UserProject.CreateWithZoo(package, "ZooApp");
        foreach (string helper in ReferenceHelpers)
            project.WriteSource($"{helper}.cs", File.ReadAllText(Path.Combine(RepositorySettings.RepoRoot, "ViT.Models.Tests", "Zoo", $"{helper}.cs")));
        project.WriteSource("Program.cs", Program);
        foreach (string file in ResNetFiles) project.WriteSource(file, CopiedToTheUsersNamespace(file));
        project.WriteSource("BasicBlock.cs", CopiedToTheUsersNamespace("BasicBlock.cs").Replace(Correct, WidthLeftOut, StringComparison.Ordinal));

        var refused = project.Build();

        Assert.NotEqual(0, refused.ExitCode);
        // The first use that the shortcut does not fit: layer2 (128 channels). The checker stops there.
        var error = Assert.Single(refused.Errors);
        output.WriteLine(error.ToString());
        int layer2 = CopiedToTheUsersNamespace("ResNet18.cs").Split('\n').ToList().FindIndex(line => line.Contains("Name = \"layer2\"", StringComparison.Ordinal)) + 1;
        Assert.Equal(("VIT0033", "ResNet18.cs", layer2), (error.Id, error.File, error.Line));
        Assert.Contains("The shortcut Downsample maps BasicBlock's input [64, 56, 56] to [64, 28, 28], but its layers give [128, 28, 28]", error.Message);

        foreach (string file in ResNetFiles) project.DeleteSource(file);
        var built = project.Build();
        Assert.True(built.ExitCode == 0, built.Output);
        var run = project.Run([Path.Combine(RepositorySettings.RepoRoot, "ViT.Models.Tests", "Fixtures", "zoo"), .. Models]);

        Assert.True(run.ExitCode == 0, run.Output);
        output.WriteLine(run.Output);
        foreach (string model in Models)
        {
            var line = Regex.Match(run.Output, $@"^{model} \(ViT\.Models\.{model}\) loads .+'s state dict strictly: max rel (\S+)\s*$", RegexOptions.Multiline);
            Assert.True(line.Success, run.Output);
            Assert.True(double.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture) < 1e-4, line.Value);
        }
    }

    /// <summary>A file of the zoo's ResNet, as a user copies it into their own namespace.</summary>
    static string CopiedToTheUsersNamespace(string file)
    {
        string source = File.ReadAllText(Path.Combine(RepositorySettings.RepoRoot, "ViT.Models", "ResNet", file));
        Assert.Contains("namespace ViT.Models;", source);
        Assert.True(file != "BasicBlock.cs" || source.Contains(Correct, StringComparison.Ordinal), $"{file} no longer says {Correct}");
        return source.Replace("namespace ViT.Models;", "namespace MyModels;", StringComparison.Ordinal);
    }
}

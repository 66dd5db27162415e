using System.Globalization;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace ViT.Package.Tests;

/// <summary>
/// The zoo as a user gets it: a project that references the packed ViT.Models builds its classes, loads a reference's
/// state dict into them strictly and reproduces the reference's logits; and a ResNet-18 the user declares with their own
/// projection-shortcut block, fed the wrong width, fails to build with the VIT error at the use site.
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

    /// <summary>
    /// torchvision's ResNet-18 declared by a user with their own blocks, in which the shortcut is not given the block's
    /// width: it keeps 64 channels, so from layer2 on it cannot be added to what the block's convolutions give.
    /// </summary>
    const string WrongShortcut = """
        using ViT;

        [Block]
        [Conv2d(Width, 1, stride: Stride, Bias = false)]
        [BatchNorm2d]
        public partial class Shortcut { public const int Width = 64; public const int Stride = 1; }

        [Block]
        [Conv2d(Width, 3, stride: Stride, padding: 1, Bias = false, Name = "conv1")]
        [BatchNorm2d(Name = "bn1")]
        [Activation(Activation.ReLU)]
        [Conv2d(Width, 3, padding: 1, Bias = false, Name = "conv2")]
        [BatchNorm2d(Name = "bn2")]
        [AddInput(typeof(Shortcut), "Stride: Stride", Name = "downsample")]
        [Activation(Activation.ReLU)]
        public partial class MyBasicBlock { public const int Width = 64; public const int Stride = 1; }

        [Input(3, 224, 224)]
        [Conv2d(64, 7, stride: 2, padding: 3, Bias = false, Name = "conv1")]
        [BatchNorm2d(Name = "bn1")]
        [Activation(Activation.ReLU)]
        [MaxPool2d(3, 2, Padding = 1)]
        [Repeat(2, typeof(MyBasicBlock), "Width: 64", Name = "layer1")]
        [Repeat(2, typeof(MyBasicBlock), "Width: 128", First = "Stride: 2", Name = "layer2")]
        [Repeat(2, typeof(MyBasicBlock), "Width: 256", First = "Stride: 2", Name = "layer3")]
        [Repeat(2, typeof(MyBasicBlock), "Width: 512", First = "Stride: 2", Name = "layer4")]
        [GlobalAveragePool]
        [Linear(1000, Name = "fc")]
        public partial class MyResNet18;

        """;

    [Fact]
    public void A_project_that_references_ViT_Models_loads_a_reference_strictly_and_a_wrong_shortcut_width_is_a_VIT_error_at_its_use()
    {
        var project = UserProject.CreateWithZoo(package, "ZooApp");
        foreach (string helper in ReferenceHelpers)
            project.WriteSource($"{helper}.cs", File.ReadAllText(Path.Combine(RepositorySettings.RepoRoot, "ViT.Models.Tests", "Zoo", $"{helper}.cs")));
        project.WriteSource("Program.cs", Program);
        project.WriteSource("MyResNet18.cs", WrongShortcut);

        var refused = project.Build();

        Assert.NotEqual(0, refused.ExitCode);
        // The first use that the shortcut does not fit; the checker stops there, so layer3 and layer4 are not reported.
        var error = Assert.Single(refused.Errors);
        output.WriteLine(error.ToString());
        int layer2 = WrongShortcut.Split('\n').ToList().FindIndex(line => line.Contains("Name = \"layer2\"", StringComparison.Ordinal)) + 1;
        Assert.Equal(("VIT0033", "MyResNet18.cs", layer2), (error.Id, error.File, error.Line));
        Assert.Contains("The shortcut Shortcut maps MyBasicBlock's input [64, 56, 56] to [64, 28, 28], but its layers give [128, 28, 28]", error.Message);

        project.DeleteSource("MyResNet18.cs");
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
}

namespace ViT.Package.Tests;

/// <summary>
/// Every code fix from the command line, as the docs tell it: <c>dotnet format analyzers --diagnostics ID</c> on a user's
/// project applies the fix to every occurrence (Fix All), one diagnostic at a time; afterwards the project builds.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class FormatTests(PackedRuntime package)
{
    const string Models = """
        [Input(1, 28, 28), Patchify(6), ClassToken, PositionEmbedding, Encoder(3, 2), ClassifierHead(10)] public partial class A;
        [Input(1, 28, 28), Patchify(7, dim: 100), ClassToken, PositionEmbedding, Encoder(3, 3), ClassifierHead(10)] public partial class B;
        [Input(1, 28, 28), Patchify(7, dim: 30), ClassToken, PositionEmbedding, Encoder(3, 7), ClassifierHead(10)] public partial class B2;
        [Input(1, 28, 28), Patchify(7), PositionEmbedding, Encoder(3, 2), ClassifierHead(10)] public partial class C;
        [Input(1, 28, 28), Conv2d(6, 5), MaxPool2d(2), Linear(10)] public partial class D;
        [Input(1, 28, 28), Conv2d(6, 5), MaxPool2d(2), Linear(10)] public partial class D2;
        [Input(4), Linear(2)] public class E;
        public class Zoo { [Input(4), Linear(2)] public partial class F; }
        [Input(1, 24, 24), MaxPool2d(2), MaxPool2d(2), MaxPool2d(2), Conv2d(8, 5), Flatten, Linear(10)] public partial class G;
        [Input(6, 8, 8), Conv2d(12, 3, Groups = 4), Flatten, Linear(10)] public partial class H;
        [Input(16, 14, 14), Conv2d(32, 3, stride: 2, padding: 1)] public partial class Down;
        [Input(16, 14, 14), Residual(typeof(Down)), Flatten, Linear(10)] public partial class I;

        """;

    const string FixedModels = """
        [Input(1, 28, 28), Patchify(7), ClassToken, PositionEmbedding, Encoder(3, 2), ClassifierHead(10)] public partial class A;
        [Input(1, 28, 28), Patchify(7, dim: 100), ClassToken, PositionEmbedding, Encoder(3, 2), ClassifierHead(10)] public partial class B;
        [Input(1, 28, 28), Patchify(7, dim: 30), ClassToken, PositionEmbedding, Encoder(3, 6), ClassifierHead(10)] public partial class B2;
        [Input(1, 28, 28), Patchify(7), ClassToken, PositionEmbedding, Encoder(3, 2), ClassifierHead(10)] public partial class C;
        [Input(1, 28, 28), Conv2d(6, 5), MaxPool2d(2), Flatten, Linear(10)] public partial class D;
        [Input(1, 28, 28), Conv2d(6, 5), MaxPool2d(2), Flatten, Linear(10)] public partial class D2;
        [Input(4), Linear(2)] public partial class E;
        public partial class Zoo { [Input(4), Linear(2)] public partial class F; }
        [Input(1, 24, 24), MaxPool2d(2), MaxPool2d(2), MaxPool2d(2), Conv2d(8, 3), Flatten, Linear(10)] public partial class G;
        [Input(6, 8, 8), Conv2d(12, 3, Groups = 3), Flatten, Linear(10)] public partial class H;
        [Input(16, 14, 14), Conv2d(32, 3, stride: 2, padding: 1)] public partial class Down;
        [Input(16, 14, 14), Layer(typeof(Down)), Flatten, Linear(10)] public partial class I;

        """;

    const string Program = """
        using ViT.Data;
        using ViT.Training;

        using var mnist = Mnist.Load();
        new Trainer().Fit(new Cifar(), mnist.Train, mnist.Test);
        new Trainer().Fit(new Letters(), mnist.Train);

        [Input(3, 32, 32), Conv2d(6, 5), Flatten, Linear(10)] public partial class Cifar;
        [Input(1, 28, 28), Conv2d(6, 5), Flatten, Linear(26)] public partial class Letters;

        """;

    [Fact]
    public void Dotnet_format_applies_every_fix_to_every_occurrence()
    {
        var project = UserProject.Create(package, "FormatApp");
        project.WriteSource("Models.cs", Models);
        project.WriteSource("Program.cs", Program);
        Assert.NotEqual(0, project.Build().ExitCode);

        string[] fixable = ["VIT0003", "VIT0004", "VIT0006", "VIT0007", "VIT0012", "VIT0013", "VIT0018", "VIT0020", "VIT0021", "VIT0023", "VIT0026"];
        foreach (string id in fixable)
        {
            var formatted = DotnetCli.Dotnet(project.Folder, "format", "analyzers", "--diagnostics", id, "--severity", "error", "--no-restore");
            Assert.True(formatted.ExitCode == 0, formatted.Output);
            Assert.DoesNotContain("Unable to fix", formatted.Output, StringComparison.Ordinal);
        }

        Assert.Equal(FixedModels, File.ReadAllText(Path.Combine(project.Folder, "Models.cs")));
        Assert.Equal(
            Program.Replace("[Input(3, 32, 32),", "[Input(1, 28, 28),", StringComparison.Ordinal).Replace("Linear(26)", "Linear(10)", StringComparison.Ordinal),
            File.ReadAllText(Path.Combine(project.Folder, "Program.cs")));
        var built = project.Build();
        Assert.True(built.ExitCode == 0, built.Output);
    }
}

using System.Globalization;

namespace ViT.Package.Tests;

/// <summary>
/// The path a user takes: the packed package, a new project outside the repository, the VIT errors at build time, then
/// a program that runs, both from the build output and published for this machine (on Debian 12 that needs the
/// package's libstdc++ fix in the publish folder too).
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class PackageSmokeTests(PackedRuntime package)
{
    [Fact]
    public void The_build_reports_each_invalid_model_and_once_they_are_removed_the_program_runs()
    {
        var project = UserProject.Create(package, "SmokeApp");
        Assert.Empty(project.InheritedBuildFiles());
        foreach (var model in SmokeModels.Valid) project.WriteSource($"{model.Name}.cs", SmokeModels.Source(model.Name, model.Attributes));
        foreach (var model in SmokeModels.Invalid) project.WriteSource($"{model.Name}.cs", SmokeModels.Source(model.Name, model.Attributes));
        project.WriteSource("Program.cs", SmokeModels.Program(SmokeModels.Valid));

        var refused = project.Build();

        Assert.NotEqual(0, refused.ExitCode);
        foreach (var model in SmokeModels.Invalid)
        {
            // Line 1 of the file is `using ViT;`, so attribute n is on line n + 1.
            var diagnostic = Assert.Single(refused.Errors, d => d.File == $"{model.Name}.cs");
            Assert.Equal((model.DiagnosticId, model.Line + 1), (diagnostic.Id, diagnostic.Line));
            Assert.Contains(model.MessageFragment, diagnostic.Message);
        }
        Assert.All(refused.Errors, error => Assert.Contains(SmokeModels.Invalid, model => error.File == $"{model.Name}.cs"));

        foreach (var model in SmokeModels.Invalid) project.DeleteSource($"{model.Name}.cs");
        var built = project.Build();
        Assert.True(built.ExitCode == 0, built.Output);
        Assert.Empty(built.Errors);

        var run = project.Run();
        Assert.True(run.ExitCode == 0, run.Output);
        AssertReports(run.Output);
    }

    [Fact]
    public void Without_a_TorchSharp_backend_the_build_warns_and_names_the_packages_and_ViT_is_an_implicit_using()
    {
        var project = UserProject.Create(package, "NoBackendApp", withBackend: false);
        var model = SmokeModels.Valid[1];
        project.WriteSource($"{model.Name}.cs", SmokeModels.Source(model.Name, model.Attributes).Replace("using ViT;\n", "", StringComparison.Ordinal));
        project.WriteSource("Program.cs", $"System.Console.WriteLine({model.Name}.ParameterCount);\n");

        var built = project.Build();

        Assert.True(built.ExitCode == 0, built.Output);
        var warning = Assert.Single(built.Diagnostics, d => d.Id == "VIT1001");
        Assert.Contains("TorchSharp-cpu", warning.Message, StringComparison.Ordinal);
        Assert.Contains("TorchSharp-cuda-linux", warning.Message, StringComparison.Ordinal);
        Assert.Contains("TorchSharp-cuda-windows", warning.Message, StringComparison.Ordinal);
        Assert.Empty(built.Errors);
    }

    [Fact]
    public void A_C_sharp_error_in_one_attribute_hides_no_VIT_error()
    {
        // The compiler stops at the CS1503 before its analyzers; the package's generator reports the VIT errors instead.
        var project = UserProject.Create(package, "AttributeErrorApp");
        var cnn = SmokeModels.Valid[1];
        project.WriteSource($"{cnn.Name}.cs", SmokeModels.Source(cnn.Name, cnn.Attributes));
        project.WriteSource("Unreadable.cs", SmokeModels.Source("Unreadable", ["Input(1, 28, 28)", "Patchify(\"seven\")", "Flatten", "Linear(10)"]));
        var threeHeads = SmokeModels.Invalid[0];
        project.WriteSource($"{threeHeads.Name}.cs", SmokeModels.Source(threeHeads.Name, threeHeads.Attributes));
        project.WriteSource("Program.cs", SmokeModels.Program([SmokeModels.Valid[0] with { Name = threeHeads.Name }]));

        var built = project.Build();

        Assert.NotEqual(0, built.ExitCode);
        Assert.Equal(
            ["CS1503 Unreadable.cs(3)", "VIT0004 ThreeHeadsViT.cs(6)", "VIT0009 Unreadable.cs(3)"],
            built.Errors.Select(e => $"{e.Id} {e.File}({e.Line})").Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_published_program_runs(bool selfContained)
    {
        var project = UserProject.Create(package, selfContained ? "SelfContainedApp" : "FrameworkDependentApp");
        foreach (var model in SmokeModels.Valid) project.WriteSource($"{model.Name}.cs", SmokeModels.Source(model.Name, model.Attributes));
        project.WriteSource("Program.cs", SmokeModels.Program(SmokeModels.Valid));

        var (publish, folder) = project.Publish(selfContained);
        Assert.True(publish.ExitCode == 0, publish.Output);

        var run = project.RunPublished(folder);
        Assert.True(run.ExitCode == 0, run.Output);
        AssertReports(run.Output);
    }

    static void AssertReports(string output)
    {
        foreach (var model in SmokeModels.Valid)
        {
            Assert.Contains($"{model.Name} output [2, {string.Join(", ", model.ExpectedOutputShape)}]", output);
            Assert.Contains($"{model.Name} parameters {model.ExpectedParameters} (counted {model.ExpectedParameters})", output);
        }

        // The fixed model learns: its loss falls and it tells the two kinds of picture apart.
        var trained = System.Text.RegularExpressions.Regex.Match(output, $@"{SmokeModels.Trained} trained: loss (\S+) -> (\S+), accuracy (\S+)");
        Assert.True(trained.Success, output);
        double first = double.Parse(trained.Groups[1].Value, CultureInfo.InvariantCulture), last = double.Parse(trained.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.True(last < first / 2, $"loss {first} -> {last}");
        Assert.True(double.Parse(trained.Groups[3].Value, CultureInfo.InvariantCulture) > 0.95, trained.Value);
        Assert.Contains("twin written: True, launcher written: True", output);
    }
}

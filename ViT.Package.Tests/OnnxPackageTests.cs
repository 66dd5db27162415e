namespace ViT.Package.Tests;

/// <summary>
/// Deployment as a user does it, from the packed packages: a program that references ViT.Runtime trains a model and
/// exports it with its class names; a second program that references only ViT.Onnx classifies picture files with one
/// call, and needs no TorchSharp to do it.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class OnnxPackageTests(PackedRuntime package)
{
    /// <summary>Trains the smoke test's CNN on its two kinds of picture, exports it, and writes one picture of each kind as PNG.</summary>
    const string Exporter = $$"""
        using SkiaSharp;
        using TorchSharp;
        using ViT;
        using ViT.Onnx;

        {{SmokeModels.TwoKindsOfPicture}}
        var model = new SmokeCnn();
        new ViT.Training.Trainer(new ViT.Training.TrainerOptions { Epochs = 3, BatchSize = 32, LearningRate = 1e-3, OutputDirectory = null }).Fit(model, data);
        // SmokeCnn scores 10 classes, of which these pictures use two.
        model.ExportOnnx(args[0], new OnnxPreprocessing { ClassNames = ["bright top", "bright bottom", .. Enumerable.Range(2, 8).Select(i => $"unused {i}")] });

        foreach (var (name, brightRows) in new[] { ("top.png", 0..14), ("bottom.png", 14..28) })
        {
            using var picture = new SKBitmap(new SKImageInfo(28, 28, SKColorType.Gray8, SKAlphaType.Opaque));
            var pixels = picture.GetPixelSpan();
            for (int y = 0; y < 28; y++)
                for (int x = 0; x < 28; x++) pixels[y * 28 + x] = (byte)(y >= brightRows.Start.Value && y < brightRows.End.Value ? 190 : 64);
            using var png = picture.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(Path.Combine(Path.GetDirectoryName(args[0])!, name), png.ToArray());
        }
        Console.WriteLine($"exported {args[0]}");

        """;

    /// <summary>The deploying program: one call per picture.</summary>
    const string Classifier = """
        using ViT.Onnx;

        using var classifier = new OnnxClassifier(args[0]);
        foreach (string picture in args[1..])
            Console.WriteLine($"{Path.GetFileName(picture)}: {string.Join(", ", classifier.ClassifyImage(picture, top: 2).Select(s => $"{s.Name} {s.Probability:F3}"))}");

        """;

    [Fact]
    public void A_program_that_references_only_ViT_Onnx_classifies_a_picture_file_with_one_call()
    {
        var exporter = UserProject.Create(package, "ExporterApp");
        exporter.WriteSource("SmokeCnn.cs", SmokeModels.Source("SmokeCnn", SmokeModels.Valid.Single(m => m.Name == "SmokeCnn").Attributes));
        exporter.WriteSource("Program.cs", Exporter);
        var built = exporter.Build();
        Assert.True(built.ExitCode == 0, built.Output);
        string model = Path.Combine(package.Root, "smoke.onnx");
        var exported = exporter.Run(model);
        Assert.True(exported.ExitCode == 0, exported.Output);

        var deployer = UserProject.CreateOnnxOnly(package, "ClassifierApp");
        deployer.WriteSource("Program.cs", Classifier);
        var deployerBuilt = deployer.Build();
        Assert.True(deployerBuilt.ExitCode == 0, deployerBuilt.Output);
        var run = deployer.Run(model, Path.Combine(package.Root, "top.png"), Path.Combine(package.Root, "bottom.png"));

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Matches(@"(?m)^top\.png: bright top [01]\.\d{3}, bright bottom [01]\.\d{3}\s*$", run.Output);
        Assert.Matches(@"(?m)^bottom\.png: bright bottom [01]\.\d{3}, bright top [01]\.\d{3}\s*$", run.Output);
        Assert.DoesNotContain("TorchSharp", deployer.DepsJson());
    }
}

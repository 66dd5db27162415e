namespace ViT.Package.Tests;

/// <summary>A model a user could declare, with what a correct package must make of it.</summary>
/// <param name="Name">The class name (and source file name).</param>
/// <param name="Attributes">The attributes on the class, one per line, in order.</param>
/// <param name="InputShape">The input shape without the batch, for the forward pass.</param>
/// <param name="ExpectedParameters">The parameter count, worked out by hand in <see cref="SmokeModels"/>.</param>
/// <param name="ExpectedOutputShape">The output shape without the batch.</param>
public sealed record ValidModel(string Name, string[] Attributes, long[] InputShape, long ExpectedParameters, long[] ExpectedOutputShape);

/// <summary>A model the analyzers must refuse at build time.</summary>
/// <param name="Name">The class name (and source file name).</param>
/// <param name="Attributes">The attributes on the class, one per line, in order.</param>
/// <param name="DiagnosticId">The diagnostic the build must report.</param>
/// <param name="Line">The attribute line (1-based, in the attribute list) the diagnostic must point at.</param>
/// <param name="MessageFragment">Words the message must contain.</param>
public sealed record InvalidModel(string Name, string[] Attributes, string DiagnosticId, int Line, string MessageFragment);

/// <summary>
/// The models of the package smoke test. Add a model here and <see cref="PackageSmokeTests"/> builds it from the packed
/// package: valid ones must compile, run a forward pass and report their parameter count; invalid ones must fail the
/// build with their diagnostic.
/// </summary>
public static class SmokeModels
{
    /// <summary>Valid models.</summary>
    public static IReadOnlyList<ValidModel> Valid { get; } =
    [
        new("SmokeViT",
            ["Input(1, 28, 28)", "Patchify(7, dim: 100)", "ClassToken", "PositionEmbedding", "Encoder(layers: 1, heads: 2)", "ClassifierHead(10)"],
            InputShape: [1, 28, 28],
            ExpectedParameters: TimmStyleViTParameters(channels: 1, patch: 7, dim: 100, tokens: 16 + 1, layers: 1, mlpRatio: 4, classes: 10),
            ExpectedOutputShape: [10]),
        new("SmokeCnn",
            ["Input(1, 28, 28)", "Conv2d(6, 5, padding: 2)", "Activation(Activation.ReLU)", "MaxPool2d(2)", "Flatten", "Linear(120)", "Activation(Activation.ReLU)", "Linear(10)"],
            InputShape: [1, 28, 28],
            ExpectedParameters: (1 * 6 * 5 * 5 + 6) + (6 * 14 * 14 * 120 + 120) + (120 * 10 + 10),
            ExpectedOutputShape: [10]),
    ];

    /// <summary>The model the program trains for a few epochs on pictures it makes, to show that a fixed model learns.</summary>
    public static string Trained => "SmokeCnn";

    /// <summary>Models the build must refuse.</summary>
    public static IReadOnlyList<InvalidModel> Invalid { get; } =
    [
        new("ThreeHeadsViT",
            ["Input(1, 28, 28)", "Patchify(7, dim: 100)", "ClassToken", "PositionEmbedding", "Encoder(layers: 1, heads: 3)", "ClassifierHead(10)"],
            DiagnosticId: "VIT0004", Line: 5, MessageFragment: "100"),

        // The most common shape error in PyTorch (mat1 and mat2 shapes cannot be multiplied), caught at build time.
        new("FlattenForgottenCnn",
            ["Input(1, 28, 28)", "Conv2d(6, 5, padding: 2)", "Activation(Activation.ReLU)", "MaxPool2d(2)", "Linear(120)", "Activation(Activation.ReLU)", "Linear(10)"],
            DiagnosticId: "VIT0007", Line: 5, MessageFragment: "[Linear] takes a vector [F] or tokens [N, D] but receives an image [6, 14, 14]; insert [Flatten] (→ [1176])"),
    ];

    /// <summary>The C# source of a model: <c>using ViT;</c>, one attribute per line, the partial class.</summary>
    public static string Source(string name, IReadOnlyList<string> attributes) =>
        "using ViT;\n" + string.Concat(attributes.Select(a => $"[{a}]\n")) + $"public partial class {name};\n";

    /// <summary>
    /// Statements that make <c>data</c>: 256 pictures of two classes, a bright top half (label 0) or a bright bottom half
    /// (label 1), in noise; seeded.
    /// </summary>
    public const string TwoKindsOfPicture = """
        torch.manual_seed(1);
        using var labels = torch.randint(0, 2, 256, dtype: torch.int64);
        using var images = torch.rand(256, 1, 28, 28) * 0.5f;
        using var rows = torch.arange(28).reshape(1, 1, 28, 1);
        using var top = (rows < 14).to(torch.float32);
        using var bright = torch.where(labels.reshape(256, 1, 1, 1) == 0, top, 1 - top) * 0.5f;
        var data = new ViT.Data.ImageDataset(images + bright, labels);
        """;

    /// <summary>
    /// A program that builds each valid model, runs a forward pass on a batch of two and prints what it found; then
    /// trains <see cref="Trained"/> with ViT#'s trainer on 256 pictures of two classes it draws (a bright top half or a
    /// bright bottom half, in noise) and prints the first and last epoch's training loss and the validation accuracy;
    /// then writes that model's PyTorch twin and launcher from the package and says whether they are there.
    /// </summary>
    public static string Program(IEnumerable<ValidModel> models) =>
        "using TorchSharp;\n" + string.Concat(models.Select(m => $$"""
            {
                var model = new {{m.Name}}();
                using var input = torch.rand(2, {{string.Join(", ", m.InputShape)}});
                using var output = model.forward(input);
                Console.WriteLine($"{{m.Name}} output [{string.Join(", ", output.shape)}]");
                Console.WriteLine($"{{m.Name}} parameters {{{m.Name}}.ParameterCount} (counted {model.parameters().Sum(p => p.numel())})");
            }

            """)) + $$"""
            {
                {{TwoKindsOfPicture}}
                var fit = new ViT.Training.Trainer(new ViT.Training.TrainerOptions { Epochs = 3, BatchSize = 32, LearningRate = 1e-3, OutputDirectory = null })
                    .Fit(new {{Trained}}(), data, data);
                Console.WriteLine(FormattableString.Invariant($"{{Trained}} trained: loss {fit.History[0].TrainLoss:F4} -> {fit.History[^1].TrainLoss:F4}, accuracy {fit.History[^1].ValidationAccuracy:F4}"));
                string twin = Path.Combine(AppContext.BaseDirectory, "twin", "{{Trained}}.py");
                new {{Trained}}().ExportPyTorch(twin);
                Console.WriteLine($"twin written: {File.ReadAllText(twin).Contains("class {{Trained}}(nn.Module):")}, launcher written: {File.ReadAllText(Path.Combine(Path.GetDirectoryName(twin)!, "train_ddp.py")).Contains("DistributedDataParallel")}");
            }

            """;

    /// <summary>
    /// timm's ViT, counted layer by layer as PyTorch would: patch convolution, class token, position embedding, per
    /// block two LayerNorms, qkv, projection and the MLP, the final LayerNorm, the head.
    /// </summary>
    static long TimmStyleViTParameters(int channels, int patch, int dim, int tokens, int layers, int mlpRatio, int classes)
    {
        long patchEmbedding = (long)channels * patch * patch * dim + dim;
        long classToken = dim, positions = (long)tokens * dim;
        long layerNorm = 2L * dim;
        long block = layerNorm + (dim * 3L * dim + 3L * dim) + (dim * (long)dim + dim) + layerNorm
                     + (dim * (long)mlpRatio * dim + mlpRatio * dim) + (mlpRatio * (long)dim * dim + dim);
        long head = (long)dim * classes + classes;
        return patchEmbedding + classToken + positions + layers * block + layerNorm + head;
    }
}

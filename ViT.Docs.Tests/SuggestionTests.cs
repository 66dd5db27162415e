using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace ViT.Docs.Tests;

/// <summary>
/// The code a run-time error suggests compiles and mends the mistake: a program meets the data mismatches the trainer
/// refuses, and each suggestion in the messages (a <c>TransformPipeline.Convert(...)</c>, an attribute) is pasted where
/// it goes and compiled with the generator and analyzers, with no error left.
/// </summary>
public sealed partial class SuggestionTests
{
    [GeneratedRegex(@"TrainerOptions\.Transforms = (?<code>TransformPipeline\.Convert\(new ImageShape\([^)]*\), new ImageShape\([^)]*\)\))")]
    private static partial Regex Conversion();

    [GeneratedRegex(@"\[(?<attribute>(Input|Linear|ClassifierHead)\([\d, ]+\))\]")]
    private static partial Regex Attribute();

    const string Cnn = "\n[Input(3, 32, 32), Conv2d(4, 5), Flatten, Linear(10)]\npublic partial class Cnn;\n";

    const string Vit = "\n[Input(3, 32, 32), Patchify(8, dim: 16), ClassToken, PositionEmbedding, Encoder(1, 2), ClassifierHead(10)]\npublic partial class Vit;\n";

    [Fact]
    public void Every_suggestion_of_the_data_checks_compiles_where_it_goes()
    {
        var messages = Messages();
        Assert.Equal(3, messages.Count);

        // The conversion, in the trainer's options, for the gray 28×28 data the CNN was given.
        string conversion = Conversion().Match(messages[0]).Groups["code"].Value;
        Assert.StartsWith("TransformPipeline.Convert(", conversion, StringComparison.Ordinal);
        AssertCompiles($"using ViT.Data;\nusing ViT.Training;\n\nvar options = new TrainerOptions {{ Transforms = {conversion} }};\n" + Cnn);

        // Each attribute in place of the one it replaces: [Input] for the gray data, [Linear] for the CNN's classes, [ClassifierHead] for the ViT's.
        string[] suggested = messages.Select(m => Attribute().Match(m).Groups["attribute"].Value).ToArray();
        Assert.Equal(["Input(1, 28, 28)", "Linear(26)", "ClassifierHead(26)"], suggested);
        AssertCompiles(Cnn.Replace("Input(3, 32, 32)", suggested[0], StringComparison.Ordinal));
        AssertCompiles(Cnn.Replace("Linear(10)", suggested[1], StringComparison.Ordinal));
        AssertCompiles(Vit.Replace("ClassifierHead(10)", suggested[2], StringComparison.Ordinal));
    }

    /// <summary>The messages of the three mismatches, from the real trainer: gray images for an RGB CNN, 26 classes for the CNN and for the ViT.</summary>
    static List<string> Messages()
    {
        var program = Snippet.Compile("""
            using TorchSharp;
            using ViT.Data;
            using ViT.Training;

            var trainer = new Trainer(new TrainerOptions { OutputDirectory = null });
            using var gray = new ImageDataset(torch.rand(4, 1, 28, 28), torch.zeros(4, dtype: torch.int64));
            using var letters = new ImageDataset(torch.rand(4, 3, 32, 32), torch.tensor(new long[] { 0, 1, 2, 25 }));
            foreach (var (model, data) in new (torch.nn.Module<torch.Tensor, torch.Tensor>, IImageSource)[] { (new Cnn(), gray), (new Cnn(), letters), (new Vit(), letters) })
            {
                try { trainer.Evaluate(model, data); }
                catch (DataMismatchException mismatch) { File.AppendAllText("messages.txt", mismatch.Message.ReplaceLineEndings(" ") + "\n"); }
            }
            """ + Cnn + Vit);
        Assert.Empty(program.Diagnostics);
        var folder = Directory.CreateTempSubdirectory("vit-suggestions-");
        try
        {
            program.Run(folder.FullName);
            return File.ReadAllLines(Path.Combine(folder.FullName, "messages.txt")).ToList();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    static void AssertCompiles(string source)
    {
        var snippet = Snippet.Compile(source);
        Assert.True(snippet.Diagnostics.All(d => d.Severity < DiagnosticSeverity.Error), $"{string.Join("\n", snippet.Diagnostics)}\n\n{source}");
    }
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ViT.Generators.Analyzers;

namespace ViT.Generators.Tests;

/// <summary>
/// One mistake, one error: an invalid model used everywhere a program uses a model (constructed, trained, run,
/// exported, its facts read) gives its VIT error and nothing else, as the generator, the compiler and the analyzers
/// together report it; and a mistake that two arguments of one call share is reported once.
/// </summary>
public sealed class DiagnosticsCountTests
{
    static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = [new ModelShapeAnalyzer(), new TrainingDataShapeAnalyzer()];

    /// <summary>A program that uses <c>Net</c> as users do.</summary>
    const string Program = """
        using System.Collections.Generic;
        using TorchSharp;
        using ViT;
        using ViT.Data;
        using ViT.Training;

        public static class Program
        {
            public static void Main()
            {
                var model = new Net();
                IGeneratedModel generated = model;
                TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> module = model;
                long parameters = Net.ParameterCount;
                IReadOnlyList<long> input = Net.InputShape, output = Net.OutputShape;
                string summary = Net.ModelSummary.ToString() + model.Summary;
                using var x = torch.rand(2, 1, 28, 28);
                using var y = model.forward(x);
                model.Precision = Precision.BFloat16;
                var fit = new Trainer().Fit(model, new ImageDataset(torch.rand(8, 1, 28, 28), torch.zeros(8, dtype: torch.int64)));
                model.ExportOnnx("net.onnx");
                System.Console.WriteLine($"{parameters} {input} {output} {summary} {fit} {generated} {module}");
            }
        }
        """;

    public static TheoryData<string, string> InvalidModels => new()
    {
        { "VIT0001", "[Patchify(7)] [Input(1, 28, 28)] [ClassToken] [Encoder(1, 2)] [ClassifierHead(10)]" },
        { "VIT0002", "[Input(1, 28, 0)] [Flatten] [Linear(10)]" },
        { "VIT0003", "[Input(1, 28, 28)] [Patchify(6)] [ClassToken] [PositionEmbedding] [Encoder(1, 2)] [ClassifierHead(10)]" },
        { "VIT0004", "[Input(1, 28, 28)] [Patchify(7, dim: 100)] [ClassToken] [PositionEmbedding] [Encoder(1, 3)] [ClassifierHead(10)]" },
        { "VIT0006", "[Input(1, 28, 28)] [Patchify(7)] [PositionEmbedding] [Encoder(1, 2)] [ClassifierHead(10)]" },
        { "VIT0007", "[Input(1, 28, 28)] [Conv2d(6, 5)] [MaxPool2d(2)] [Linear(10)]" },
        { "VIT0020", "[Input(1, 8, 8)] [MaxPool2d(2)] [MaxPool2d(2)] [Conv2d(8, 5)] [Flatten] [Linear(10)]" },
        { "VIT0021", "[Input(6, 8, 8)] [Conv2d(12, 3, Groups = 4)] [Flatten] [Linear(10)]" },
    };

    [Theory]
    [MemberData(nameof(InvalidModels))]
    public void An_invalid_model_used_throughout_a_program_gives_its_VIT_error_and_nothing_else(string id, string attributes)
    {
        var errors = Errors($"using ViT;\n{attributes}\npublic partial class Net;\n", Program);

        var error = Assert.Single(errors);
        Assert.Equal(id, error.Id);
        Assert.Equal("Model0.cs", error.Location.SourceTree?.FilePath);
    }

    [Fact]
    public void A_valid_model_used_throughout_a_program_gives_no_error()
    {
        Assert.Empty(Errors("using ViT;\n[Input(1, 28, 28)] [Conv2d(6, 5)] [MaxPool2d(2)] [Flatten] [Linear(10)]\npublic partial class Net;\n", Program));
    }

    [Fact]
    public void A_data_mismatch_shared_by_the_training_and_validation_data_is_reported_once()
    {
        var errors = Errors("""
            using ViT;
            using ViT.Data;
            using ViT.Training;

            [Input(3, 32, 32)] [Conv2d(6, 5)] [MaxPool2d(2)] [Flatten] [Linear(10)]
            public partial class Net;

            public static class Program
            {
                public static void Main()
                {
                    using var mnist = Mnist.Load();
                    new Trainer().Fit(new Net(), mnist.Train, mnist.Test);
                }
            }
            """);

        Assert.Equal(["VIT0018"], errors.Select(e => e.Id));
    }

    [Fact]
    public void Running_an_invalid_model_anyway_throws_and_names_its_error()
    {
        var (_, output, _) = GeneratorHarness.Run("using ViT;\n[Input(1, 28, 28)] [Conv2d(6, 5)] [Linear(10)]\npublic partial class Net;\n");
        using var assembly = new MemoryStream();
        Assert.True(output.Emit(assembly).Success);
        var context = new System.Runtime.Loader.AssemblyLoadContext("invalid-model", isCollectible: true);
        try
        {
            var type = context.LoadFromStream(new MemoryStream(assembly.ToArray())).GetType("Net")!;
            var thrown = Assert.Throws<System.Reflection.TargetInvocationException>(() => Activator.CreateInstance(type));
            var invalid = Assert.IsType<InvalidOperationException>(thrown.InnerException);
            Assert.StartsWith("Net has an error and was not built: VIT0007: [Linear] takes a vector [F] or tokens [N, D] but receives an image [6, 24, 24]", invalid.Message, StringComparison.Ordinal);
        }
        finally
        {
            context.Unload();
        }
    }

    const string UnreadableModel = "using ViT;\n[Input(1, 28, 28), Patchify(\"seven\"), Flatten, Linear(10)]\npublic partial class Unreadable;\n";
    const string ThreeHeads = "using ViT;\n[Input(1, 28, 28), Patchify(7, dim: 100), ClassToken, PositionEmbedding, Encoder(1, 3), ClassifierHead(10)]\npublic partial class ThreeHeads;\n";

    [Fact]
    public void A_command_line_build_that_stops_at_a_declaration_error_still_reports_the_VIT_diagnostics()
    {
        // The compiler stops at the attribute's CS1503 and runs no analyzer; the generator reports theirs instead.
        var reported = GeneratorDiagnostics(commandLine: true, UnreadableModel, ThreeHeads);

        Assert.Equal(["VIT0009", "VIT0004"], reported.Select(d => d.Id));
        Assert.Equal(["Model0.cs", "Model1.cs"], reported.Select(d => d.Location.SourceTree?.FilePath));
    }

    [Fact]
    public void The_generator_reports_nothing_where_the_analyzers_run()
    {
        Assert.Empty(GeneratorDiagnostics(commandLine: true, ThreeHeads));            // no declaration error: the compiler runs the analyzers
        Assert.Empty(GeneratorDiagnostics(commandLine: false, UnreadableModel, ThreeHeads)); // an editor: its analyzers run anyway
    }

    static IReadOnlyList<Diagnostic> GeneratorDiagnostics(bool commandLine, params string[] sources)
    {
        var options = commandLine ? GeneratorHarness.ParseOptions.WithPreprocessorSymbols("VIT_COMMAND_LINE_BUILD") : GeneratorHarness.ParseOptions;
        var compilation = GeneratorHarness.Compile(sources);
        compilation = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees.Select(t => t.WithRootAndOptions(t.GetRoot(), options)));
        GeneratorHarness.Driver().WithUpdatedParseOptions(options).RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);
        return diagnostics.Where(d => d.Id.StartsWith("VIT", StringComparison.Ordinal)).OrderBy(d => d.Location.SourceTree?.FilePath).ToList();
    }

    /// <summary>Every error of generator, compiler and analyzers on <paramref name="sources"/>, built as an application.</summary>
    static IReadOnlyList<Diagnostic> Errors(params string[] sources)
    {
        var (_, output, generatorDiagnostics) = GeneratorHarness.Run(sources);
        var analyzed = output.WithAnalyzers(Analyzers).GetAllDiagnosticsAsync().GetAwaiter().GetResult();
        return generatorDiagnostics.Concat(analyzed).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    }
}

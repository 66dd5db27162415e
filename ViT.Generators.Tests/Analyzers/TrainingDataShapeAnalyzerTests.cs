using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using ViT.Generators.Analyzers;

namespace ViT.Generators.Tests.Analyzers;

/// <summary>
/// VIT0018: data whose type declares [ImageShape(c, h, w)] given to a model declared for another input; VIT0026: data
/// whose type declares its classes given to a model with another number of outputs.
/// </summary>
public sealed class TrainingDataShapeAnalyzerTests
{
    // Data-set types declared here, as a user or ViT.Runtime declares them: the analyzer knows none by name, only the
    // attribute (ViT.Runtime's, referenced). The trainer is a stand-in: the rule does not name it.
    const string Prelude = """
        using ViT;
        using ViT.Data;

        namespace ViT.Data
        {
            public sealed class ImageDataset { }
            [ImageShape(1, 28, 28)]
            public sealed class Mnist
            {
                public static Mnist Load(string directory = "") => new();
                public static ImageDataset LoadSplit(string directory, string prefix) => new();
                public ImageDataset Train => new();
                public ImageDataset Test => new();
            }
        }

        namespace App
        {
            [ImageShape(3, 64, 48)]
            public sealed class HolidayPhotos
            {
                public ImageDataset Train => new();
            }

            [ImageShape(1, 28, 28, Classes = 26)]
            public sealed class Letters
            {
                public ImageDataset Train => new();
            }

            [Input(1, 28, 28), Conv2d(6, 5), Activation(Activation.ReLU), MaxPool2d(2), Flatten, Linear(10)]
            public partial class DigitCnn { }

            [Input(1, 28, 28), Conv2d(6, 5), Activation(Activation.ReLU), MaxPool2d(2), Flatten, Linear(26)]
            public partial class LetterCnn { }

            [Input(3, 32, 32)] [Patchify(4)] [ClassToken] [PositionEmbedding] [Encoder(3, 2)] [ClassifierHead(10)]
            public partial class CifarViT { }

            [Input(1, 28, 28)] [Patchify(7)] [ClassToken] [PositionEmbedding] [Encoder(3, 2)] [ClassifierHead(10)]
            public partial class MnistViT { }

            [VisionTransformer(3, 32, 32, patch: 4, dim: 64, layers: 3, heads: 2, classes: 10)]
            public partial class ShortCifarViT { }

            [VisionTransformer(1, 28, 28, patch: 7, dim: 64, layers: 3, heads: 2, classes: 10)]
            public partial class ShortMnistViT { }

            public sealed class Trainer<TModel>
            {
                public Trainer(TModel model, ImageDataset data) { }
                public static void Fit(TModel model, Mnist data) { }
            }

            public static class Training
            {
                public static void Fit<TModel>(TModel model, ImageDataset train) { }
            }

            public static class Program
            {
                public static void Main()
                {
                    var mnist = Mnist.Load();
                    var train = mnist.Train;
        """;

    const string Postlude = """
                }
            }
        }
        """;

    static async Task VerifyAsync(string body, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TrainingDataShapeAnalyzer, DefaultVerifier>
        {
            TestCode = Prelude + "\n" + body + "\n" + Postlude,
            ReferenceAssemblies = TestReferences.None,
        };
        TestReferences.Apply(test.TestState);
        test.ExpectedDiagnostics.AddRange(expected.Select(e => e.WithOptions(DiagnosticOptions.IgnoreAdditionalLocations))); // where the code fix edits
        await test.RunAsync();
    }

    [Fact]
    public Task VIT0018_mnist_split_given_to_a_cifar_model() => VerifyAsync(
        "Training.Fit(new CifarViT(), {|#0:mnist.Train|});",
        CSharpAnalyzerVerifier<TrainingDataShapeAnalyzer, DefaultVerifier>.Diagnostic("VIT0018").WithLocation(0).WithArguments(
            "The model CifarViT is declared for input [3, 32, 32] but is given Mnist images [1, 28, 28] (its [ImageShape]); declare [Input(1, 28, 28)] or use data with images [3, 32, 32]"));

    [Fact]
    public Task VIT0018_through_a_local_and_a_trainer_constructor() => VerifyAsync("_ = new Trainer<CifarViT>(new CifarViT(), {|VIT0018:train|});");

    [Fact]
    public Task VIT0018_data_set_object_and_loaded_split() => VerifyAsync("""
        Trainer<CifarViT>.Fit(new CifarViT(), {|VIT0018:mnist|});
        Training.Fit(new CifarViT(), {|VIT0018:Mnist.LoadSplit("data", "t10k")|});
        """);

    [Fact]
    public Task VIT0018_neighbour_matching_model() => VerifyAsync("""
        Training.Fit(new MnistViT(), mnist.Train);
        Trainer<MnistViT>.Fit(new MnistViT(), mnist);
        _ = new Trainer<MnistViT>(new MnistViT(), train);
        """);

    [Fact]
    public Task VIT0018_shorthand_model_names_its_own_fix() => VerifyAsync(
        "Training.Fit(new ShortCifarViT(), {|#0:mnist.Train|});",
        CSharpAnalyzerVerifier<TrainingDataShapeAnalyzer, DefaultVerifier>.Diagnostic("VIT0018").WithLocation(0).WithArguments(
            "The model ShortCifarViT is declared for input [3, 32, 32] but is given Mnist images [1, 28, 28] (its [ImageShape]); declare channels: 1, height: 28, width: 28 in [VisionTransformer] or use data with images [3, 32, 32]"));

    [Fact]
    public Task VIT0018_neighbour_matching_shorthand_model() => VerifyAsync("Training.Fit(new ShortMnistViT(), mnist.Train);");

    [Fact]
    public Task VIT0018_neighbour_unknown_data() => VerifyAsync("Training.Fit(new CifarViT(), new ImageDataset());");

    [Fact]
    public Task VIT0018_reads_a_users_own_data_type_shape() => VerifyAsync(
        "Training.Fit(new CifarViT(), {|#0:new HolidayPhotos().Train|});",
        CSharpAnalyzerVerifier<TrainingDataShapeAnalyzer, DefaultVerifier>.Diagnostic("VIT0018").WithLocation(0).WithArguments(
            "The model CifarViT is declared for input [3, 32, 32] but is given HolidayPhotos images [3, 64, 48] (its [ImageShape]); declare [Input(3, 64, 48)] or use data with images [3, 32, 32]"));

    [Fact]
    public Task VIT0026_a_ten_class_model_given_twenty_six_classes() => VerifyAsync(
        "Training.Fit(new DigitCnn(), {|#0:new Letters().Train|});",
        CSharpAnalyzerVerifier<TrainingDataShapeAnalyzer, DefaultVerifier>.Diagnostic("VIT0026").WithLocation(0).WithArguments(
            "The model DigitCnn outputs 10 classes but is given Letters, whose labels name 26 (its [ImageShape]); end the model in 26 outputs, such as [Linear(26)] or [ClassifierHead(26)]"));

    [Fact]
    public Task VIT0026_neighbour_matching_classes_and_data_without_a_class_count() => VerifyAsync("""
        Training.Fit(new LetterCnn(), new Letters().Train);
        Training.Fit(new DigitCnn(), mnist.Train);
        """);
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ViT.Generators.Analyzers;

namespace ViT.Generators.Tests;

/// <summary>The generated code for the tutorial models and variants: matches its snapshot and compiles with zero diagnostics.</summary>
public sealed class GeneratedCodeSnapshotTests
{
    public static TheoryData<string, string> Models() => new()
    {
        {
            "TutorialViT",
            """
            namespace Samples;

            [ViT.Input(1, 28, 28)]
            [ViT.Patchify(7, dim: 100)]
            [ViT.ClassToken]
            [ViT.PositionEmbedding]
            [ViT.Encoder(layers: 3, heads: 3, Attention = ViT.AttentionKind.TutorialListing, Activation = ViT.Activation.ReLU, FinalNorm = ViT.FinalNorm.Unused)]
            [ViT.ClassifierHead(10)]
            public sealed partial class TutorialViT;
            """
        },
        {
            "WideViT",
            """
            namespace Samples;

            [ViT.Input(1, 28, 28)]
            [ViT.Patchify(7, dim: 100)]
            [ViT.ClassToken]
            [ViT.PositionEmbedding]
            [ViT.Encoder(layers: 3, heads: 3, Attention = ViT.AttentionKind.Wide, Activation = ViT.Activation.ReLU, FinalNorm = ViT.FinalNorm.Unused)]
            [ViT.ClassifierHead(10)]
            public sealed partial class WideViT;
            """
        },
        {
            "TimmViT",
            """
            using ViT;

            namespace Samples;

            /// <summary>timm's configuration.</summary>
            [Input(1, 28, 28)]
            [Patchify(7, dim: 100)]
            [ClassToken]
            [PositionEmbedding]
            [Encoder(layers: 3, heads: 2)]
            [ClassifierHead(10)]
            public partial class TimmViT;
            """
        },
        {
            "ShortForms",
            """
            using ViT;

            namespace Samples.Short;

            [Input(3, 32, 32), Patchify(8), Encoder(layers: 2, heads: 4), ClassifierHead(100, Pool = Pooling.Mean)]
            partial class ShortForms { }
            """
        },
        {
            "DropoutAndPyTorchInit",
            """
            using ViT;

            [Input(1, 16, 16)]
            [Patchify(4, dim: 32)]
            [ClassToken]
            [PositionEmbedding(Dropout = 0.1)]
            [Encoder(layers: 1, heads: 2, MlpRatio = 2.5, QkvBias = false, NormEpsilon = 1e-5, FinalNorm = FinalNorm.None, Dropout = 0.1, AttentionDropout = 0.05)]
            [ClassifierHead(10)]
            [Initialize(Initialization.PyTorchDefault)]
            internal partial class DropoutAndPyTorchInit;
            """
        },
        {
            "Catalog.Digits.NestedViT",
            """
            using ViT;

            namespace Samples;

            /// <summary>Models kept together.</summary>
            public static partial class Catalog
            {
                /// <summary>Models for digits.</summary>
                public partial record Digits
                {
                    [VisionTransformer(channels: 1, height: 28, width: 28, patch: 14, dim: 8, layers: 1, heads: 2, classes: 10)]
                    public partial class NestedViT;
                }
            }
            """
        },
        {
            "FeatureExtractor",
            """
            using ViT;

            namespace Samples;

            [Input(1, 28, 28)]
            [Patchify(14, dim: 16)]
            [PositionEmbedding]
            public partial class FeatureExtractor;
            """
        },
        {
            "LeNet",
            """
            using ViT;

            namespace Samples;

            [Input(1, 28, 28)]
            [Conv2d(6, 5, padding: 2)]
            [Activation(Activation.ReLU)]
            [MaxPool2d(2)]
            [Conv2d(16, 5)]
            [Activation(Activation.ReLU)]
            [MaxPool2d(2)]
            [Flatten]
            [Linear(120)]
            [Activation(Activation.ReLU)]
            [Linear(84)]
            [Activation(Activation.ReLU)]
            [Dropout(0.25)]
            [Linear(10)]
            public partial class LeNet;
            """
        },
        {
            "ResNet",
            """
            using ViT;

            namespace Samples;

            [Input(16, 14, 14)]
            [Conv2d(16, 3, padding: 1, Bias = false)]
            [BatchNorm2d]
            [Activation(Activation.ReLU)]
            [Conv2d(16, 3, padding: 1, Bias = false)]
            [BatchNorm2d]
            public partial class BasicBlock;

            [Input(1, 28, 28)]
            [Conv2d(16, 3, stride: 2, padding: 1, Bias = false)]
            [BatchNorm2d(Epsilon = 1e-3, Momentum = 0.01)]
            [Activation(Activation.ReLU)]
            [Residual(typeof(BasicBlock))]
            [Activation(Activation.ReLU)]
            [AvgPool2d(3, 2, Padding = 1)]
            [Conv2d(32, 1, Groups = 2, Dilation = 1)]
            [GlobalAveragePool]
            [LayerNorm(Epsilon = 1e-6)]
            [Linear(10, Bias = false)]
            [Initialize(Initialization.PyTorchDefault)]
            public partial class ResNet;
            """
        },
        {
            "ResNet18",
            """
            using ViT;

            namespace Samples.Blocks;

            /// <summary>torchvision's BasicBlock: one class for every stage.</summary>
            [Block]
            [Conv2d(Width, 3, stride: Stride, padding: 1, Bias = false, Name = "conv1")]
            [BatchNorm2d(Name = "bn1")]
            [Activation(Activation.ReLU)]
            [Conv2d(Width, 3, padding: 1, Bias = false, Name = "conv2")]
            [BatchNorm2d(Name = "bn2")]
            [AddInput(typeof(Projection), "Width, Stride", Name = "downsample")]
            [Activation(Activation.ReLU)]
            public partial class BasicBlock
            {
                const int Width = 64, Stride = 1;
            }

            [Block]
            [Conv2d(Width, 1, stride: Stride, Bias = false)]
            [BatchNorm2d]
            public partial class Projection
            {
                const int Width = 64, Stride = 1;
            }

            [Input(3, 64, 64)]
            [Conv2d(16, 7, stride: 2, padding: 3, Bias = false, Name = "conv1")]
            [BatchNorm2d(Name = "bn1")]
            [Activation(Activation.ReLU)]
            [MaxPool2d(3, 2, Padding = 1)]
            [Repeat(2, typeof(BasicBlock), "Width: 16", Name = "layer1")]
            [Repeat(2, typeof(BasicBlock), "Width: 32", First = "Stride: 2", Name = "layer2")]
            [GlobalAveragePool]
            [Linear(Classes, Name = "fc", When = Classes > 0)]
            [Initialize(Initialization.PyTorchDefault)]
            public partial class ResNet18
            {
                const int Classes = 10;
            }
            """
        },
        {
            "TinyEfficientNet",
            """
            using ViT;

            namespace Samples.Blocks;

            [Block]
            [Conv2d(Width, Kernel, stride: Stride, padding: (Kernel - 1) / 2, Groups = Groups, Bias = false)]
            [BatchNorm2d(Epsilon = 1e-3)]
            [Activation(Act, When = Activate)]
            public partial class ConvNormActivation
            {
                const int Width = 16, Kernel = 3, Stride = 1, Groups = 1;
                const Activation Act = Activation.SiLU;
                const bool Activate = true;
            }

            [Block]
            [AdaptiveAvgPool2d(1, Name = "avgpool")]
            [Conv2d(Squeeze, 1, Name = "fc1")]
            [Activation(Activation.SiLU)]
            [Conv2d(In.Channels, 1, Name = "fc2")]
            [Activation(Activation.Sigmoid)]
            [MultiplyInput]
            public partial class SqueezeExcitation
            {
                const int Squeeze = 4;
            }

            [Block]
            [Layer(typeof(ConvNormActivation), "In.Channels * Expand, 1", When = Expand != 1)]
            [Layer(typeof(ConvNormActivation), "In.Channels * Expand, 3, Stride, Groups: In.Channels * Expand")]
            [Layer(typeof(SqueezeExcitation), "Squeeze: In.Channels / 4 > 0 ? In.Channels / 4 : 1")]
            [Layer(typeof(ConvNormActivation), "Width, 1, Activate: false")]
            public partial class Body
            {
                const int Width = 16, Stride = 1, Expand = 6;
            }

            [Block]
            [Layer(typeof(Body), "Width, Stride, Expand", Name = "block")]
            [AddInput(When = Stride == 1 && In.Channels == Width, DropPath = 0.1)]
            public partial class MBConv
            {
                const int Width = 16, Stride = 1, Expand = 6;
            }

            [Input(3, 32, 32)]
            [Layer(typeof(ConvNormActivation), "16, 3, 2")]
            [Layer(typeof(MBConv), "16, 1, 1")]
            [Repeat(2, typeof(MBConv), "24, 1, 6", First = "Stride: 2")]
            [GlobalAveragePool]
            [Linear(10, Name = "classifier")]
            [Initialize(Initialization.PyTorchDefault)]
            public partial class TinyEfficientNet;
            """
        },
        {
            "DenseAndConvNeXt",
            """
            using ViT;

            namespace Samples.Blocks;

            [Block]
            [BatchNorm2d(Name = "norm1")]
            [Activation(Activation.ReLU)]
            [Conv2d(16, 1, Bias = false, Name = "conv1")]
            [BatchNorm2d(Name = "norm2")]
            [Activation(Activation.ReLU)]
            [Conv2d(8, 3, padding: 1, Bias = false, Name = "conv2")]
            [ConcatInput]
            public partial class DenseLayer;

            [Block]
            [Conv2d(In.Channels, 7, padding: 3, Groups = In.Channels)]
            [LayerNorm(Epsilon = 1e-6, Name = "2")]
            [Linear(4 * In.Channels, PerPixel = true, Name = "3")]
            [Activation(Activation.GELU)]
            [Linear(In.Channels, PerPixel = true, Name = "5")]
            public partial class CNBlockBody;

            [Block]
            [Layer(typeof(CNBlockBody), Name = "block")]
            [LayerScale(1e-6, Name = "layer_scale")]
            [AddInput(DropPath = 0.1)]
            public partial class CNBlock;

            [Input(3, 32, 32)]
            [Conv2d(16, 4, stride: 4, Name = "stem")]
            [Repeat(3, typeof(DenseLayer), Name = "denseblock1", FirstItemName = "denselayer1")]
            [Conv2d(24, 1)]
            [Repeat(2, typeof(CNBlock), Name = "stage")]
            [LayerNorm(Epsilon = 1e-6)]
            [GlobalAveragePool]
            [Linear(10)]
            public partial class DenseAndConvNeXt;
            """
        },
        {
            "DeitLike",
            """
            using ViT;

            namespace Samples;

            [Input(3, 32, 32)]
            [Patchify(8, dim: 32)]
            [ClassToken]
            [DistillationToken]
            [PositionEmbedding]
            [Encoder(layers: 2, heads: 2, DropPath = 0.1, LayerScale = 1e-5, MlpRatio = 2.9)]
            [ClassifierHead(10, Distilled = true)]
            public partial class DeitLike;
            """
        },
        {
            "RegisterViT",
            """
            using ViT;

            namespace Samples;

            [Input(3, 32, 32)]
            [Patchify(8, dim: 32)]
            [PositionEmbedding]
            [RegisterTokens(4)]
            [Encoder(layers: 2, heads: 2, Activation = Activation.GELUTanh)]
            [ClassifierHead(10, Pool = Pooling.Mean)]
            public partial class RegisterViT;
            """
        },
        {
            "Hybrid",
            """
            using ViT;

            namespace Samples;

            [Input(1, 28, 28)]
            [Conv2d(32, 3, padding: 1)]
            [BatchNorm2d]
            [Activation(Activation.SiLU)]
            [MaxPool2d(2)]
            [Patchify(2, dim: 64)]
            [ClassToken]
            [PositionEmbedding]
            [Encoder(layers: 2, heads: 4, Activation = Activation.Tanh)]
            [ClassifierHead(10, Pool = Pooling.Mean)]
            public partial class Hybrid;
            """
        },
        {
            "MixedPrecisionViT",
            """
            using ViT;

            namespace Samples;

            [Input(1, 28, 28), Patchify(7, dim: 64), ClassToken, PositionEmbedding, Encoder(layers: 1, heads: 2), ClassifierHead(10)]
            [Precision(Precision.BFloat16)]
            public partial class MixedPrecisionViT;
            """
        },
        {
            "event.class",
            """
            using ViT;

            namespace @event;

            // Keyword names and members named like what the generator writes for itself: nothing may clash.
            [Input(1, 8, 8), Patchify(4, dim: 8), ClassToken, PositionEmbedding, Encoder(1, 2), Flatten, Linear(3)]
            internal partial class @class
            {
                internal int patch_embed = 2;
                private int fc7 = 1;
                internal sealed class Block { }
                internal sealed class PatchEmbed { }
                private void InitializeWeights() => fc7++;
            }
            """
        },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Generated_code_matches_its_snapshot_and_compiles_cleanly(string name, string source)
    {
        var (result, output, generatorDiagnostics) = GeneratorHarness.Run(source);

        Assert.Empty(generatorDiagnostics);
        var generated = Assert.Single(result.GeneratedTrees, t => t.FilePath.EndsWith("/" + name + ".g.cs", StringComparison.Ordinal) || t.FilePath.EndsWith("." + name + ".g.cs", StringComparison.Ordinal));
        Assert.Empty(GeneratorHarness.Problems(output));
        Snapshot.Match(generated.ToString(), name);
    }

    [Fact]
    public void The_VisionTransformer_shorthand_generates_what_the_six_layer_attributes_do()
    {
        const string longForm = """
            namespace Samples;
            [ViT.Input(1, 28, 28), ViT.Patchify(7, dim: 100), ViT.ClassToken, ViT.PositionEmbedding]
            [ViT.Encoder(layers: 3, heads: 3, Attention = ViT.AttentionKind.Wide, Activation = ViT.Activation.ReLU, FinalNorm = ViT.FinalNorm.Unused)]
            [ViT.ClassifierHead(10)]
            public partial class M;
            """;
        const string shorthand = """
            namespace Samples;
            [ViT.VisionTransformer(channels: 1, height: 28, width: 28, patch: 7, dim: 100, layers: 3, heads: 3, classes: 10,
                Attention = ViT.AttentionKind.Wide, Activation = ViT.Activation.ReLU, FinalNorm = ViT.FinalNorm.Unused)]
            public partial class M;
            """;
        var (result, output, _) = GeneratorHarness.Run(shorthand);
        Assert.Empty(GeneratorHarness.Problems(output));
        Assert.Equal(GeneratorHarness.Run(longForm).Result.GeneratedTrees.Single().ToString(), result.GeneratedTrees.Single().ToString());
    }

    // Issue 13's reproducers: a model class named var (the generated code never writes var), or named like a nested
    // type the generator writes (it picks free names around the class's own), compiles with every kind of layer.
    [Theory]
    [InlineData("var")]
    [InlineData("PatchEmbed")]
    [InlineData("Block")]
    [InlineData("Mlp")]
    [InlineData("Attention")]
    public void A_model_class_named_var_or_like_a_generated_type_compiles(string name)
    {
        var (result, output, _) = GeneratorHarness.Run($$"""
            using ViT;

            [Input(3, 16, 16), Conv2d(4, 3, padding: 1), BatchNorm2d, Activation(Activation.ReLU), MaxPool2d(2), Dropout(0.1)]
            [Patchify(2, dim: 8), ClassToken, PositionEmbedding(Dropout = 0.1), Encoder(2, 2, Dropout = 0.1), Encoder(1, 2, Attention = AttentionKind.Wide)]
            [Linear(8), LayerNorm, Flatten, Linear(3)]
            public partial class {{name}};
            """);
        Assert.Single(result.GeneratedTrees);
        Assert.DoesNotContain(GeneratorHarness.Problems(output), d => d.Id != "CS8981"); // CS8981: the user's lower-case type name
    }

    // Found by the 100,000-case fuzz run: the nested Block the encoder writes took the place of the user's Block in
    // [Residual(typeof(Block))] (attributes are bound inside the class), so the analyzer, which sees the generated
    // files, reported VIT0025 "Block is not a ViT# model" on a model the generator had written.
    [Theory]
    [InlineData("Block", "Residual")]
    [InlineData("PatchEmbed", "Layer")]
    public async Task A_composed_model_named_like_a_generated_type_keeps_its_name_in_the_attributes(string name, string composition)
    {
        var (result, output, _) = GeneratorHarness.Run($$"""
            using ViT;

            namespace Samples;

            [Input(1, 8, 8), Patchify(2, dim: 8), {{composition}}(typeof({{name}})), Encoder(1, 2), ClassifierHead(3, Pool = Pooling.Mean)]
            public partial class Hybrid;

            [Input(16, 8), Encoder(1, 2)]
            public partial class {{name}};
            """);
        var analyzed = await output.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ModelShapeAnalyzer())).GetAnalyzerDiagnosticsAsync();
        Assert.Equal(2, result.GeneratedTrees.Length);
        Assert.Empty(GeneratorHarness.Problems(output));
        Assert.DoesNotContain(analyzed, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains($"class {name}_ ", result.GeneratedTrees.Single(t => t.FilePath.EndsWith("Hybrid.g.cs", StringComparison.Ordinal)).ToString());
    }

    // Found by the 100,000-case fuzz run: a namespace whose name is half typed (namespace A.)@class.B) gave the hint
    // name "A..Mlp2" and generated code that does not parse (CS1001); the compiler already reports the namespace.
    [Fact]
    public void A_class_in_a_half_typed_namespace_gets_no_generated_code()
    {
        var (result, _, _) = GeneratorHarness.Run("""
            using ViT;

            namespace A.)@class.B
            {
            [Input(11, 4), Linear(29)]
            partial class Mlp2;
            }
            """);
        Assert.Empty(result.GeneratedTrees);
    }

    // Found by the fuzzer: the dropout calls passed the user's int training as the training flag (CS1503).
    [Fact]
    public void A_member_named_training_does_not_stand_in_for_the_training_flag()
    {
        var (result, output, _) = GeneratorHarness.Run("""
            using ViT;

            [Input(4, 8), PositionEmbedding(Dropout = 0.1), Flatten, Dropout(0.5), Linear(2)]
            public partial class M
            {
                internal new readonly int training = 3;
            }
            """);
        Assert.Single(result.GeneratedTrees);
        Assert.Empty(GeneratorHarness.Problems(output));
    }

    // Found by the 100,000-case fuzz run: the constructor's RegisterComponents() called the user's event of that name
    // (CS8602 in the generated file) instead of TorchSharp's method, which would then register no layers.
    [Fact]
    public void A_member_named_RegisterComponents_does_not_stand_in_for_TorchSharps()
    {
        var (result, output, _) = GeneratorHarness.Run("""
            using ViT;

            [Input(4), Linear(2)]
            public partial class M
            {
                internal new event System.Action? RegisterComponents;

                internal void Raise() => RegisterComponents?.Invoke();
            }
            """);
        Assert.Single(result.GeneratedTrees);
        Assert.Empty(GeneratorHarness.Problems(output));
    }

    [Fact]
    public void Hint_name_is_the_fully_qualified_type_name()
    {
        var (result, _, _) = GeneratorHarness.Run("""
            namespace A.B;
            [ViT.Input(1, 28, 28), ViT.Patchify(7)]
            partial class C;
            """);
        Assert.Equal("A.B.C.g.cs", Assert.Single(Assert.Single(result.Results).GeneratedSources).HintName);
    }

    [Fact]
    public void Generated_code_is_deterministic()
    {
        string source = "[ViT.Input(1, 28, 28), ViT.Patchify(7), ViT.ClassToken, ViT.Encoder(2, 2), ViT.ClassifierHead(10)] partial class M;";
        var first = GeneratorHarness.Run(source).Result.GeneratedTrees.Single().ToString();
        var second = GeneratorHarness.Run(source).Result.GeneratedTrees.Single().ToString();
        Assert.Equal(first, second);
    }
}

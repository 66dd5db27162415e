using ViT.Generators.Diagnostics;
using ViT.Generators.Helpers;
using ViT.Generators.Parsing;
using ViT.Generators.Shapes;

namespace ViT.Generators.Tests;

// Inside the namespace, so that the generator's copies of the shared enums win over ViT.X from ViT.Runtime.
using ViT.Generators.Shared;

/// <summary>The pure core on plain values: shapes after every layer, parameter counts, and violations with their numbers.</summary>
public sealed class ShapeInferenceTests
{
    static ModelSpec Spec(params LayerSpec[] layers) =>
        new("Samples", "M", EquatableArray<ContainingType>.Empty, layers.ToEquatableArray(), Initialization.TruncatedNormal, IsPartial: true, DeclarationProblem: null, DeclarationFixableByPartial: false, DeclaresBaseClass: false, DeclaresParameterlessConstructor: false);

    static EncoderLayerSpec Encoder(int layers, int heads, AttentionKind attention = AttentionKind.Split, Activation activation = Activation.GELU, double mlpRatio = 4, FinalNorm finalNorm = FinalNorm.Apply) =>
        new(layers, heads, attention, mlpRatio, activation, QkvBias: true, NormEpsilon: attention == AttentionKind.Wide ? 1e-5 : 1e-6, finalNorm, Dropout: 0, AttentionDropout: 0);

    static readonly LayerSpec[] TimmLayers =
    {
        new InputLayerSpec(1, 28, 28), new PatchifyLayerSpec(7, 100), new ClassTokenLayerSpec(), new PositionEmbeddingLayerSpec(0),
        Encoder(3, 2), new ClassifierHeadLayerSpec(10, Pooling.ClassToken),
    };

    [Fact]
    public void Timm_configuration_traces_shapes_and_counts_371_910_parameters()
    {
        var trace = ShapeInference.Infer(Spec(TimmLayers));
        Assert.True(trace.IsValid);
        Assert.Equal(new long[] { 1, 28, 28 }, trace.InputShape);
        Assert.Equal(new long[] { 10 }, trace.OutputShape);
        Assert.Equal(
            new[] { "patch_embed [16, 100]", "cls_token [17, 100]", "pos_embed [17, 100]", "blocks.0 [17, 100]", "blocks.1 [17, 100]", "blocks.2 [17, 100]", "norm [17, 100]", "head [10]" },
            trace.Layers.Select(l => $"{l.Name} [{string.Join(", ", l.Shape)}]"));
        Assert.Equal(121_300, trace.Layers.Single(l => l.Name == "blocks.0").Parameters);
        Assert.Equal(371_910, trace.TotalParameters);
    }

    [Fact]
    public void Tutorial_configuration_counts_613_710_parameters()
    {
        var trace = ShapeInference.Infer(Spec(
            new InputLayerSpec(1, 28, 28), new PatchifyLayerSpec(7, 100), new ClassTokenLayerSpec(), new PositionEmbeddingLayerSpec(0),
            Encoder(3, 3, AttentionKind.Wide, Activation.ReLU, finalNorm: FinalNorm.Unused), new ClassifierHeadLayerSpec(10, Pooling.ClassToken)));
        Assert.True(trace.IsValid);
        Assert.Equal(201_900, trace.Layers.Single(l => l.Name == "blocks.0").Parameters);
        Assert.Equal(200, trace.Layers.Single(l => l.Name == "norm").Parameters);
        Assert.Equal(613_710, trace.TotalParameters);
    }

    [Fact]
    public void Patch_that_does_not_divide_the_image_names_the_numbers_and_the_fix()
    {
        var trace = ShapeInference.Infer(Spec(new InputLayerSpec(1, 28, 28), new PatchifyLayerSpec(6, 100)));
        var violation = Assert.Single(trace.Violations);
        Assert.Equal(DiagnosticIds.PatchDoesNotDivideImage, violation.Id);
        Assert.Equal(1, violation.LayerIndex);
        Assert.Equal("patch", violation.Argument);
        Assert.Equal("Patch size 6 does not divide the image height 28; use 2, 4, 7 or 14", violation.Message);
    }

    [Fact]
    public void Split_heads_must_divide_the_width_but_wide_heads_need_not()
    {
        var split = ShapeInference.Infer(Spec(new InputLayerSpec(1, 28, 28), new PatchifyLayerSpec(7, 100), Encoder(3, 3)));
        var violation = Assert.Single(split.Violations);
        Assert.Equal(DiagnosticIds.HeadsDoNotDivideDim, violation.Id);
        Assert.Equal("heads", violation.Argument);
        Assert.Equal(2, violation.LayerIndex);
        Assert.Contains("3 heads do not divide the embedding width 100", violation.Message, StringComparison.Ordinal);
        Assert.Contains("2, 4, 5, 10, 20, 25 or 50", violation.Message, StringComparison.Ordinal);

        Assert.True(ShapeInference.Infer(Spec(new InputLayerSpec(1, 28, 28), new PatchifyLayerSpec(7, 100), Encoder(3, 3, AttentionKind.Wide))).IsValid);
    }

    [Theory]
    [InlineData(2.5, true)]   // 100 x 2.5 = 250
    [InlineData(0.333, false)] // 33.3 features
    [InlineData(0, false)]
    [InlineData(-4, false)]
    public void Mlp_ratio_must_give_a_whole_positive_width(double ratio, bool valid)
    {
        var trace = ShapeInference.Infer(Spec(new InputLayerSpec(1, 28, 28), new PatchifyLayerSpec(7, 100), Encoder(1, 2, mlpRatio: ratio)));
        Assert.Equal(valid, trace.IsValid);
        if (!valid) Assert.Equal(("VIT0005", "MlpRatio"), (trace.Violations[0].Id, trace.Violations[0].Argument));
    }

    [Fact]
    public void Class_token_pooling_needs_a_class_token()
    {
        var trace = ShapeInference.Infer(Spec(new InputLayerSpec(1, 28, 28), new PatchifyLayerSpec(7, 100), new ClassifierHeadLayerSpec(10, Pooling.ClassToken)));
        Assert.Equal((DiagnosticIds.PoolingNeedsClassToken, "Pool"), (trace.Violations.Single().Id, trace.Violations.Single().Argument));
        Assert.True(ShapeInference.Infer(Spec(new InputLayerSpec(1, 28, 28), new PatchifyLayerSpec(7, 100), new ClassifierHeadLayerSpec(10, Pooling.Mean))).IsValid);
    }

    [Fact]
    public void Order_duplicates_and_missing_input_are_violations()
    {
        Assert.Equal(DiagnosticIds.InputMissingOrNotFirst, ShapeInference.Infer(Spec(new PatchifyLayerSpec(7, 100))).Violations.Single().Id);
        Assert.Equal(DiagnosticIds.InputMissingOrNotFirst, ShapeInference.Infer(Spec()).Violations.Single().Id);
        Assert.Equal(DiagnosticIds.DuplicateLayer, ShapeInference.Infer(Spec(new InputLayerSpec(1, 28, 28), new InputLayerSpec(1, 28, 28))).Violations.Single().Id);
        Assert.Equal(DiagnosticIds.LayerOutOfOrder, ShapeInference.Infer(Spec(new InputLayerSpec(1, 28, 28), Encoder(1, 1))).Violations.Single().Id);
        Assert.Equal(DiagnosticIds.LayerOutOfOrder, ShapeInference.Infer(Spec(new InputLayerSpec(1, 28, 28), new PatchifyLayerSpec(7, 100), new PositionEmbeddingLayerSpec(0), new ClassTokenLayerSpec())).Violations.Single().Id);
    }

    [Theory]
    [InlineData(0, 28, 28, 7, 100, "channels")]
    [InlineData(1, -28, 28, 7, 100, "height")]
    [InlineData(1, 28, 28, 0, 100, "patch")]
    [InlineData(1, 28, 28, 7, -1, "dim")]
    public void Sizes_must_be_positive(int c, int h, int w, int p, int d, string argument)
    {
        var trace = ShapeInference.Infer(Spec(new InputLayerSpec(c, h, w), new PatchifyLayerSpec(p, d)));
        Assert.Contains(trace.Violations, v => v.Id == DiagnosticIds.NonPositiveSize && v.Argument == argument);
    }

    [Fact]
    public void Absurd_sizes_are_violations_not_overflows()
    {
        var trace = ShapeInference.Infer(Spec(
            new InputLayerSpec(int.MaxValue, int.MaxValue, int.MaxValue), new PatchifyLayerSpec(1, int.MaxValue), new ClassTokenLayerSpec(),
            new PositionEmbeddingLayerSpec(0), Encoder(int.MaxValue, 1), new ClassifierHeadLayerSpec(int.MaxValue, Pooling.ClassToken)));
        Assert.False(trace.IsValid);
        Assert.Contains(trace.Violations, v => v.Id == DiagnosticIds.ModelTooLarge);
    }

    [Fact]
    public void Specs_and_traces_are_values()
    {
        Assert.Equal(Spec(TimmLayers), Spec(TimmLayers));
        Assert.Equal(Spec(TimmLayers).GetHashCode(), Spec(TimmLayers).GetHashCode());
        Assert.Equal(ShapeInference.Infer(Spec(TimmLayers)), ShapeInference.Infer(Spec(TimmLayers)));
        Assert.NotEqual(Spec(TimmLayers), Spec(TimmLayers.Take(5).ToArray()));
    }

    [Fact]
    public void Parsed_layers_remember_which_attribute_declared_them()
    {
        var compilation = GeneratorHarness.Compile("""
            [System.Serializable, ViT.Input(1, 28, 28), ViT.Patchify(6)]
            partial class M;
            [ViT.VisionTransformer(1, 28, 28, 7, 100, 3, 2, 10)]
            partial class S;
            """);
        var m = compilation.GetTypeByMetadataName("M")!;
        var spec = ModelSpecParser.Parse(m, m.DeclaringSyntaxReferences[0].GetSyntax(), default);
        Assert.Equal(new[] { 1, 2 }, spec.Layers.Select(l => l.AttributeIndex));
        var violation = ShapeInference.Infer(spec).Violations.Single();
        Assert.Equal(2, spec.Layers[violation.LayerIndex].AttributeIndex);

        var s = compilation.GetTypeByMetadataName("S")!;
        var shorthand = ModelSpecParser.Parse(s, s.DeclaringSyntaxReferences[0].GetSyntax(), default);
        Assert.Equal(6, shorthand.Layers.Count);
        Assert.All(shorthand.Layers, l => Assert.Equal(0, l.AttributeIndex));
        Assert.Equal(371_910, ShapeInference.Infer(shorthand).TotalParameters);
    }
}

using ViT.Generators.Diagnostics;
using ViT.Generators.Parsing;
using ViT.Generators.Specs;
using ViT.Generators.Shapes;

namespace ViT.Generators.Tests;

/// <summary>
/// The pure core: shapes after every layer, parameter counts, names, and violations with their numbers and fixes.
/// Models are written as the user writes them and read by the real parser, so defaults come from the attributes.
/// </summary>
public sealed class ShapeInferenceTests
{
    const string Timm = "[Input(1, 28, 28), Patchify(7, dim: 100), ClassToken, PositionEmbedding, Encoder(layers: 3, heads: 2), ClassifierHead(10)]";
    const string LeNet = "[Input(1, 28, 28), Conv2d(6, 5, padding: 2), Activation(Activation.ReLU), MaxPool2d(2), Conv2d(16, 5), Activation(Activation.ReLU), MaxPool2d(2), Flatten, Linear(120), Activation(Activation.ReLU), Linear(84), Activation(Activation.ReLU), Linear(10)]";

    /// <summary>The spec of the class <c>M</c> declared with <paramref name="attributes"/> (and the other sources).</summary>
    internal static ModelSpec Spec(string attributes, params string[] others)
    {
        var compilation = GeneratorHarness.Compile(new[] { $"using ViT;\n\n{attributes}\npublic partial class M;\n" }.Concat(others).ToArray());
        var type = compilation.GetTypeByMetadataName("M")!;
        return ModelSpecParser.Parse(type, type.DeclaringSyntaxReferences[0].GetSyntax(), default);
    }

    static ShapeTrace Infer(string attributes, params string[] others) => ShapeInference.Infer(Spec(attributes, others));

    static string Shapes(ShapeTrace trace) => string.Join(" ", trace.Rows.Select(r => $"{r.Name}{r.Shape}"));

    static ShapeViolation Error(ShapeTrace trace) => Assert.Single(trace.Violations, v => !v.IsWarning);

    [Fact]
    public void Timm_configuration_traces_shapes_and_counts_371_910_parameters()
    {
        var trace = Infer(Timm);
        Assert.True(trace.IsValid);
        Assert.Empty(trace.Violations);
        Assert.Equal(Shape.Of(1, 28, 28), trace.InputShape);
        Assert.Equal(Shape.Of(10), trace.OutputShape);
        Assert.Equal("patch_embed[16, 100] cls_token[17, 100] pos_embed[17, 100] blocks.0[17, 100] blocks.1[17, 100] blocks.2[17, 100] norm[17, 100] head[10]", Shapes(trace));
        Assert.Equal(121_300, trace.Rows.Single(l => l.Name == "blocks.0").Parameters);
        Assert.Equal(371_910, trace.TotalParameters);
    }

    [Fact]
    public void Tutorial_configuration_counts_613_710_parameters()
    {
        var trace = Infer("[Input(1, 28, 28), Patchify(7, dim: 100), ClassToken, PositionEmbedding, Encoder(3, 3, Attention = AttentionKind.TutorialListing, Activation = Activation.ReLU, FinalNorm = FinalNorm.Unused), ClassifierHead(10)]");
        Assert.True(trace.IsValid);
        Assert.Equal(201_900, trace.Rows.Single(l => l.Name == "blocks.0").Parameters);
        Assert.Equal(200, trace.Rows.Single(l => l.Name == "norm").Parameters);
        Assert.Equal(613_710, trace.TotalParameters);
    }

    [Fact]
    public void LeNet_traces_PyTorch_output_sizes_names_by_position_and_counts_61_706_parameters()
    {
        var trace = Infer(LeNet);
        Assert.Empty(trace.Violations);
        Assert.Equal("0[6, 28, 28] 1[6, 28, 28] 2[6, 14, 14] 3[16, 10, 10] 4[16, 10, 10] 5[16, 5, 5] 6[400] 7[120] 8[120] 9[84] 10[84] 11[10]", Shapes(trace));
        Assert.Equal(61_706, trace.TotalParameters);
        // Convolutions: 2·(25·6)·784 + 2·(150·16)·100; Linears: 2·(400·120 + 120·84 + 84·10).
        Assert.Equal((2 * 150 * 784) + (2 * 2400 * 100) + (2 * ((400 * 120) + (120 * 84) + 840)), trace.ForwardFlops);
    }

    [Theory]
    [InlineData("Conv2d(8, 3)", "[8, 26, 26]")]
    [InlineData("Conv2d(8, 3, stride: 2)", "[8, 13, 13]")]
    [InlineData("Conv2d(8, 3, stride: 2, padding: 1)", "[8, 14, 14]")]
    [InlineData("Conv2d(8, 3, Dilation = 2)", "[8, 24, 24]")]
    [InlineData("Conv2d(8, 5, stride: 3, padding: 2, Dilation = 2)", "[8, 8, 8]")]
    [InlineData("MaxPool2d(3)", "[1, 9, 9]")]
    [InlineData("MaxPool2d(3, 2)", "[1, 13, 13]")]
    [InlineData("AvgPool2d(3, 1, Padding = 1)", "[1, 28, 28]")]
    [InlineData("GlobalAveragePool", "[1]")]
    [InlineData("Flatten", "[784]")]
    [InlineData("BatchNorm2d", "[1, 28, 28]")]
    [InlineData("Dropout(0.5)", "[1, 28, 28]")]
    public void Image_layers_follow_PyTorch_formulas(string layer, string shape)
    {
        var trace = Infer($"[Input(1, 28, 28), {layer}]");
        Assert.True(trace.IsValid, string.Join("; ", trace.Violations.Select(v => v.Message)));
        Assert.Equal(shape, trace.OutputShape.ToString());
    }

    [Fact]
    public void Linear_infers_its_input_width_and_applies_per_token_on_tokens()
    {
        var vector = Infer("[Input(1, 28, 28), Flatten, Linear(32, Bias = false)]");
        Assert.Equal((784L * 32, "[32]"), (vector.TotalParameters, vector.OutputShape.ToString()));
        var tokens = Infer("[Input(1, 28, 28), Patchify(7, dim: 20), Linear(30), LayerNorm]");
        Assert.Equal("[16, 30]", tokens.OutputShape.ToString());
        Assert.Equal((1L * 7 * 7 * 20) + 20 + (20 * 30) + 30 + 60, tokens.TotalParameters);
    }

    [Fact]
    public void Linear_on_an_image_says_what_to_insert_and_offers_Flatten()
    {
        var trace = Infer("[Input(1, 28, 28), Conv2d(16, 5), MaxPool2d(2), Linear(120)]");
        var violation = Error(trace);
        Assert.Equal((DiagnosticIds.LayerOutOfOrder, 3), (violation.Id, violation.AttributeIndex));
        Assert.Equal("[Linear] takes a vector [F] or tokens [N, D] but receives an image [16, 12, 12]; insert [Flatten] (→ [2304]) or [GlobalAveragePool] (→ [16]) before it", violation.Message);
        Assert.Equal(new LayerInsertion("Flatten", 3), violation.Insert);
    }

    [Theory]
    [InlineData("Flatten, Conv2d(4, 3)", "[Conv2d] takes an image [C, H, W] but receives a vector [784]")]
    [InlineData("Patchify(7), Conv2d(4, 3)", "[Conv2d] takes an image [C, H, W] but receives tokens [16, 100]")]
    [InlineData("Encoder(1, 1)", "[Encoder] takes tokens [N, D] but receives an image [1, 28, 28]; put [Patchify(patch)] before it")]
    [InlineData("Flatten, BatchNorm2d", "[BatchNorm2d] takes an image [C, H, W] but receives a vector [784]")]
    [InlineData("Patchify(7), GlobalAveragePool", "[GlobalAveragePool] takes an image [C, H, W] but receives tokens [16, 100]")]
    [InlineData("Flatten, ClassifierHead(10, Pool = Pooling.Mean)", "[ClassifierHead] takes tokens [N, D] but receives a vector [784]; on a vector, classify with [Linear(10)]")]
    public void A_layer_fed_the_wrong_rank_names_both_shapes(string layers, string message)
    {
        var violation = Error(Infer($"[Input(1, 28, 28), {layers}]"));
        Assert.Equal(DiagnosticIds.LayerOutOfOrder, violation.Id);
        Assert.StartsWith(message, violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_spatial_size_that_reaches_zero_names_the_layer_and_the_trail()
    {
        var violation = Error(Infer("[Input(1, 28, 28), MaxPool2d(2), MaxPool2d(2), MaxPool2d(2), Conv2d(8, 5)]"));
        Assert.Equal((DiagnosticIds.KernelDoesNotFit, "kernel", 4), (violation.Id, violation.Argument, violation.AttributeIndex));
        Assert.Equal("[Conv2d(8, 5)]: the kernel 5 is larger than the padded height 3 (3 + 2·0), so the height goes 28→14→7→3→0 here; use a smaller kernel, more padding, or fewer downsampling layers before it", violation.Message);
        Assert.Contains("28→14→7→3→1→0", Error(Infer("[Input(1, 28, 28), MaxPool2d(2), MaxPool2d(2), MaxPool2d(2), MaxPool2d(2), MaxPool2d(2)]")).Message, StringComparison.Ordinal);
        Assert.True(Infer("[Input(1, 28, 28), MaxPool2d(2), MaxPool2d(2), MaxPool2d(2), Conv2d(8, 5, padding: 1)]").IsValid);
    }

    [Fact]
    public void Pool_padding_over_half_the_kernel_is_refused_as_PyTorch_does()
    {
        var violation = Error(Infer("[Input(1, 28, 28), MaxPool2d(3, 1, Padding = 2)]"));
        Assert.Equal((DiagnosticIds.KernelDoesNotFit, "Padding"), (violation.Id, violation.Argument));
        Assert.Contains("use at most 1", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Groups_must_divide_both_channel_counts_and_the_fix_lists_those_that_do()
    {
        var violation = Error(Infer("[Input(6, 8, 8), Conv2d(12, 3, Groups = 4)]"));
        Assert.Equal((DiagnosticIds.GroupsDoNotDivideChannels, "Groups"), (violation.Id, violation.Argument));
        Assert.Equal(new[] { 2, 3 }, violation.Choices);
        Assert.Equal("Groups = 4 does not divide the 6 input channels (each group convolves C/groups channels into channels/groups); use 2 or 3", violation.Message);
        Assert.Equal((6L / 3 * 12 * 9) + 12, Infer("[Input(6, 8, 8), Conv2d(12, 3, Groups = 3)]").TotalParameters);
    }

    [Fact]
    public void Warnings_do_not_stop_generation()
    {
        var doubled = Infer("[Input(1, 28, 28), Conv2d(4, 3), Activation(Activation.ReLU), Activation(Activation.SiLU), Flatten, Linear(10)]");
        Assert.True(doubled.IsValid);
        Assert.Equal(DiagnosticIds.RepeatedActivation, Assert.Single(doubled.Violations).Id);
        var remainder = Infer("[Input(1, 7, 7), MaxPool2d(2)]");
        Assert.True(remainder.IsValid);
        var warning = Assert.Single(remainder.Violations);
        Assert.Equal(DiagnosticIds.PoolDropsRemainder, warning.Id);
        Assert.Equal("[MaxPool2d(2)] drops the last 1 of the 7 pixels along the height (7→3); if that is not meant, make the size before it divisible by 2, or pad", warning.Message);
    }

    [Fact]
    public void A_patch_that_does_not_divide_the_image_names_the_numbers_and_carries_the_choices()
    {
        var violation = Error(Infer("[Input(1, 28, 28), Patchify(6, dim: 100)]"));
        Assert.Equal((DiagnosticIds.PatchDoesNotDivideImage, 1, "patch"), (violation.Id, violation.AttributeIndex, violation.Argument));
        Assert.Equal("Patch size 6 does not divide the image height 28; use 2, 4, 7 or 14", violation.Message);
        Assert.Equal(new[] { 2, 4, 7, 14 }, violation.Choices);
        Assert.Equal("Patch size 5 does not divide the image height 8 or width 12; use 2 or 4", Error(Infer("[Input(1, 8, 12), Patchify(5)]")).Message);
    }

    [Fact]
    public void Split_heads_must_divide_the_width_but_wide_heads_need_not()
    {
        var violation = Error(Infer("[Input(1, 28, 28), Patchify(7, dim: 100), Encoder(3, 3)]"));
        Assert.Equal((DiagnosticIds.HeadsDoNotDivideDim, "heads", 2), (violation.Id, violation.Argument, violation.AttributeIndex));
        Assert.Contains("3 heads do not divide the embedding width 100; use 2, 4, 5, 10, 20, 25 or 50 heads", violation.Message.Replace(" (split attention gives each head D/heads features)", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(new[] { 2, 4, 5, 10, 20, 25, 50 }, violation.Choices);
        Assert.True(Infer("[Input(1, 28, 28), Patchify(7, dim: 100), PositionEmbedding, Encoder(3, 3, Attention = AttentionKind.Wide)]").IsValid);
    }

    [Theory]
    [InlineData(2.5, true)]   // 100 x 2.5 = 250
    [InlineData(0.333, true)]  // 33.3 features: 33, as timm's int(D * r)
    [InlineData(0.001, false)] // 0.1 features
    [InlineData(0, false)]
    [InlineData(-4, false)]
    public void Mlp_ratio_must_give_a_whole_positive_width(double ratio, bool valid)
    {
        var trace = Infer($"[Input(1, 28, 28), Patchify(7, dim: 100), PositionEmbedding, Encoder(1, 2, MlpRatio = {ratio.ToString(System.Globalization.CultureInfo.InvariantCulture)})]");
        Assert.Equal(valid, trace.IsValid);
        if (!valid) Assert.Equal(("VIT0005", "MlpRatio"), (trace.Violations[0].Id, trace.Violations[0].Argument));
    }

    [Fact]
    public void Class_token_pooling_needs_a_class_token_and_the_fix_inserts_it_after_Patchify()
    {
        var violation = Error(Infer("[Input(1, 28, 28), Patchify(7, dim: 100), PositionEmbedding, ClassifierHead(10)]"));
        Assert.Equal((DiagnosticIds.PoolingNeedsClassToken, "Pool"), (violation.Id, violation.Argument));
        Assert.Equal(new LayerInsertion("ClassToken", 2), violation.Insert);
        Assert.True(Infer("[Input(1, 28, 28), Patchify(7, dim: 100), ClassifierHead(10, Pool = Pooling.Mean)]").IsValid);
    }

    [Fact]
    public void Mean_pooling_after_an_encoder_norms_after_pooling_as_timm_does()
    {
        var trace = Infer("[Input(1, 28, 28), Patchify(7, dim: 100), ClassToken, PositionEmbedding, Encoder(layers: 1, heads: 2), ClassifierHead(10, Pool = Pooling.Mean)]");
        Assert.Equal("patch_embed[16, 100] cls_token[17, 100] pos_embed[17, 100] blocks.0[17, 100] fc_norm[100] head[10]", Shapes(trace));
        var head = trace.Steps.Last().Layer as Layers.ClassifierHeadLayer;
        Assert.Equal((1e-6, 1), (head!.NormEpsilon, head.PrefixTokens));
    }

    [Fact]
    public void Input_must_come_first_and_once()
    {
        Assert.Equal(DiagnosticIds.InputMissingOrNotFirst, Error(Infer("[Patchify(7, dim: 100)]")).Id);
        Assert.Equal(DiagnosticIds.InputMissingOrNotFirst, ShapeInference.Infer(Spec("[Initialize(Initialization.PyTorchDefault)]")).Violations.Single().Id);
        Assert.Equal(DiagnosticIds.DuplicateLayer, Error(Infer("[Input(1, 28, 28), Flatten]\n[VisionTransformer(1, 28, 28, 7, 100, 3, 2, 10)]")).Id);
        Assert.Equal(DiagnosticIds.LayerOutOfOrder, Error(Infer("[Input(1, 28, 28)]")).Id);
    }

    [Fact]
    public void Any_order_is_legal_when_the_shapes_agree()
    {
        // Position embedding before the class token, a second encoder, a head on a conv stem's patches.
        var trace = Infer("[Input(3, 32, 32), Conv2d(8, 3, padding: 1), BatchNorm2d, Activation(Activation.ReLU), Patchify(4, dim: 16), PositionEmbedding, ClassToken, Encoder(1, 2), Encoder(1, 4), ClassifierHead(5)]");
        Assert.Empty(trace.Violations);
        Assert.Equal("0[8, 32, 32] 1[8, 32, 32] 2[8, 32, 32] patch_embed[64, 16] pos_embed[64, 16] cls_token[65, 16] blocks.0[65, 16] norm[65, 16] blocks_7.0[65, 16] norm_7[65, 16] head[5]", Shapes(trace));
    }

    [Theory]
    [InlineData(0, 28, 28, 7, 100, "channels")]
    [InlineData(1, -28, 28, 7, 100, "height")]
    [InlineData(1, 28, 28, 0, 100, "patch")]
    [InlineData(1, 28, 28, 7, -1, "dim")]
    public void Sizes_must_be_positive(int c, int h, int w, int p, int d, string argument)
    {
        var trace = Infer($"[Input({c}, {h}, {w}), Patchify({p}, {d})]");
        Assert.Contains(trace.Violations, v => v.Id == DiagnosticIds.NonPositiveSize && v.Argument == argument);
    }

    [Fact]
    public void Absurd_sizes_are_violations_not_overflows()
    {
        var trace = Infer("[Input(int.MaxValue, int.MaxValue, int.MaxValue), Patchify(1, int.MaxValue), ClassToken, PositionEmbedding, Encoder(int.MaxValue, 1), ClassifierHead(int.MaxValue)]");
        Assert.False(trace.IsValid);
        Assert.Contains(trace.Violations, v => v.Id == DiagnosticIds.ModelTooLarge);
        Assert.False(Infer("[Input(int.MaxValue, int.MaxValue, int.MaxValue), Flatten, Linear(int.MaxValue)]").IsValid);
    }

    [Fact]
    public void Divisor_suggestions_are_fast_for_huge_sizes()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var violation = Error(Infer("[Input(1, 2147483646, 2147483646), Patchify(5)]"));
        Assert.Equal("Patch size 5 does not divide the image height 2147483646; use 2, 3, 6, 7, 9, 11, 14, 18, 21, 22, 31 or 33", violation.Message);
        Assert.True(watch.ElapsedMilliseconds < 2000, "took " + watch.ElapsedMilliseconds + " ms"); // the old search counted to 2^31: 3.8 s
    }

    // Found by the fuzzer: 2 · F overflowed 64 bits in the LayerNorm's parameters (the model was accepted with
    // ParameterCount = -17,179,869,180), and a sample of more than 2^63 elements (a convolution padded by int.MaxValue)
    // wrapped the patch count to a positive but wrong 51 billion tokens.
    [Theory]
    [InlineData("[Input(2, int.MaxValue, int.MaxValue), Flatten, LayerNorm]")]
    [InlineData("[Input(1, 8, 8), Conv2d(1, 1, padding: int.MaxValue), Patchify(1, 1), Flatten, Linear(1)]")]
    public void Sizes_past_64_bits_are_too_large_not_wrapped(string attributes)
    {
        var trace = Infer(attributes);
        Assert.False(trace.IsValid);
        Assert.Contains(trace.Violations, v => v.Id == DiagnosticIds.ModelTooLarge);
        Assert.All(trace.Steps, s => Assert.True(s.Parameters >= 0 && s.Output.Dims.All(d => d > 0), $"{s.Name}: {s.Output}, {s.Parameters} parameters"));
    }

    [Fact]
    public void Activation_memory_is_estimated_and_a_model_that_cannot_train_is_warned_about()
    {
        // issue 13: 46,341 tokens with 4 heads each keep 4 · 46341² attention scores.
        var trace = Infer("[Input(3, 46341, 1), Patchify(1), ClassToken, PositionEmbedding, Encoder(3, heads: 4, MlpRatio = 0.25), ClassifierHead(10)]");
        Assert.True(trace.IsValid);
        var warning = Assert.Single(trace.Violations);
        Assert.Equal(DiagnosticIds.LargeActivations, warning.Id);
        Assert.Contains("so a batch of 64 needs", warning.Message, StringComparison.Ordinal);
        Assert.True(Infer(Timm).ActivationElements * 4 < 1 << 20); // the tutorial's ViT: under 1 MiB per image
    }

    [Fact]
    public void Specs_and_traces_are_values()
    {
        Assert.Equal(Spec(Timm), Spec(Timm));
        Assert.Equal(Spec(Timm).GetHashCode(), Spec(Timm).GetHashCode());
        Assert.Equal(ShapeInference.Infer(Spec(Timm)), ShapeInference.Infer(Spec(Timm)));
        Assert.NotEqual(Spec(Timm), Spec(Timm.Replace("heads: 2", "heads: 4", StringComparison.Ordinal)));
    }

    [Fact]
    public void Parsed_layers_remember_which_attribute_declared_them()
    {
        var spec = Spec("[System.Serializable, ViT.Input(1, 28, 28), ViT.Patchify(6)]");
        Assert.Equal(new[] { 1, 2 }, spec.Layers.Select(l => l.AttributeIndex));
        var violation = Error(ShapeInference.Infer(spec));
        Assert.Equal(2, violation.AttributeIndex);

        var shorthand = Spec("[ViT.VisionTransformer(1, 28, 28, 7, 100, 3, 2, 10)]");
        var trace = ShapeInference.Infer(shorthand);
        Assert.Equal(6, trace.Steps.Count);
        Assert.All(trace.Steps, s => Assert.Equal(0, s.Layer.AttributeIndex));
        Assert.Equal(371_910, trace.TotalParameters);
    }
}

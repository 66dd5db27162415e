using Microsoft.CodeAnalysis.Testing;
using static ViT.Generators.Tests.Analyzers.AnalyzerVerifier;

namespace ViT.Generators.Tests.Analyzers;

/// <summary>For every ID: a failing case with the diagnostic at the offending argument, and a passing neighbour.</summary>
public sealed class ModelShapeAnalyzerTests
{
    const string Valid = """
        [Input(1, 28, 28)]
        [Patchify(7, dim: 100)]
        [ClassToken]
        [PositionEmbedding]
        [Encoder(layers: 3, heads: 2)]
        [ClassifierHead(10)]
        """;

    static string Model(string attributes, string declaration = "public partial class M { }") => $$"""
        using ViT;

        namespace Models;

        {{attributes}}
        {{declaration}}
        """;

    static string Swap(string from, string to) => Model(Valid.Replace(from, to, StringComparison.Ordinal));

    [Fact]
    public Task Valid_model_has_no_diagnostics() => VerifyAsync(Model(Valid));

    [Fact]
    public Task Tutorial_model_has_no_diagnostics() => VerifyAsync(Swap(
        "[Encoder(layers: 3, heads: 2)]",
        "[Encoder(layers: 3, heads: 3, Attention = AttentionKind.Wide, Activation = Activation.ReLU, FinalNorm = FinalNorm.Unused)]"));

    // The shorthand stands for the six layer attributes: its mistakes are reported at its own arguments.
    [Fact]
    public Task Shorthand_model_has_no_diagnostics() => VerifyAsync(Model("[VisionTransformer(1, 28, 28, patch: 7, dim: 100, layers: 3, heads: 2, classes: 10)]"));

    [Fact]
    public Task Shorthand_patch_that_does_not_divide_the_image() => VerifyAsync(Model(
        "[VisionTransformer(1, 28, 28, {|VIT0003:patch: 6|}, dim: 100, layers: 3, heads: 2, classes: 10)]"));

    [Fact]
    public Task Shorthand_heads_that_do_not_divide_the_width() => VerifyAsync(Model(
        "[VisionTransformer(1, 28, 28, 7, 100, 3, {|VIT0004:3|}, 10)]"));

    [Fact]
    public Task Shorthand_zero_classes() => VerifyAsync(Model("[VisionTransformer(1, 28, 28, 7, 100, 3, 2, {|VIT0002:classes: 0|})]"));

    [Fact]
    public Task Shorthand_encoder_option_out_of_range() => VerifyAsync(Model("[VisionTransformer(1, 28, 28, 7, 100, 3, 2, 10, {|VIT0011:Dropout = 1.5|})]"));

    [Fact]
    public Task Shorthand_model_must_be_partial() => VerifyAsync(Model(
        "[VisionTransformer(1, 28, 28, 7, 100, 3, 2, 10)]", "public class {|VIT0012:M|} { }"));

    // The shorthand is a whole model: a layer after it receives its logits.
    [Fact]
    public Task Shorthand_followed_by_an_encoder_feeds_it_a_vector() => VerifyAsync(Model("""
        [VisionTransformer(1, 28, 28, 7, 100, 3, 2, 10)]
        [{|VIT0007:Encoder(3, 2)|}]
        """));

    [Fact]
    public Task Shorthand_twice_is_two_inputs() => VerifyAsync(Model("""
        [VisionTransformer(1, 28, 28, 7, 100, 3, 2, 10)]
        [{|VIT0008:{|CS0579:VisionTransformer|}(1, 28, 28, 7, 100, 3, 2, 10)|}]
        """));

    [Fact]
    public Task Class_without_vit_attributes_is_ignored() => VerifyAsync("public class Plain { }");

    // VIT0001
    [Fact]
    public Task VIT0001_input_not_first() => VerifyAsync(Model("""
        [{|VIT0001:Patchify(7)|}]
        [Input(1, 28, 28)]
        [PositionEmbedding]
        """));

    [Fact]
    public Task VIT0001_input_missing() => VerifyAsync(Model("""
        [{|VIT0001:Patchify(7)|}]
        [PositionEmbedding]
        [Encoder(3, 2)]
        """));

    [Fact]
    public Task VIT0001_neighbour_input_first() => VerifyAsync(Model("""
        [Input(1, 28, 28)]
        [Patchify(7)]
        [PositionEmbedding]
        """));

    // VIT0002
    [Fact]
    public Task VIT0002_zero_width() => VerifyAsync(Swap("[Input(1, 28, 28)]", "[Input(1, 28, {|VIT0002:0|})]"));

    [Fact]
    public Task VIT0002_negative_classes() => VerifyAsync(Swap("[ClassifierHead(10)]", "[ClassifierHead({|VIT0002:-10|})]"));

    [Fact]
    public Task VIT0002_negative_dim() => VerifyAsync(Swap("[Patchify(7, dim: 100)]", "[Patchify(7, {|VIT0002:dim: -1|})]"));

    [Fact]
    public Task VIT0002_neighbour_positive() => VerifyAsync(Swap("[Input(1, 28, 28)]", "[Input(1, 28, 1)]").Replace("Patchify(7", "Patchify(1", StringComparison.Ordinal));

    // VIT0003
    [Fact]
    public Task VIT0003_patch_does_not_divide_height() => VerifyAsync(
        Swap("[Patchify(7, dim: 100)]", "[Patchify({|#0:6|}, dim: 100)]"),
        Diagnostic("VIT0003").WithLocation(0).WithArguments("Patch size 6 does not divide the image height 28; use 2, 4, 7 or 14"));

    [Fact]
    public Task VIT0003_patch_does_not_divide_width() => VerifyAsync(
        Swap("[Input(1, 28, 28)]", "[Input(1, 28, 30)]").Replace("Patchify(7", "Patchify({|#0:7|}", StringComparison.Ordinal),
        Diagnostic("VIT0003").WithLocation(0).WithArguments("Patch size 7 does not divide the image width 30; use 2"));

    [Fact]
    public Task VIT0003_neighbour_patch_divides() => VerifyAsync(Swap("[Patchify(7, dim: 100)]", "[Patchify(4, dim: 100)]"));

    // VIT0004: the "done when" case of the issue.
    [Fact]
    public Task VIT0004_three_split_heads_on_width_100() => VerifyAsync(
        Swap("[Encoder(layers: 3, heads: 2)]", "[Encoder(layers: 3, {|#0:heads: 3|})]"),
        Diagnostic("VIT0004").WithLocation(0).WithArguments(
            "3 heads do not divide the embedding width 100 (split attention gives each head D/heads features); use 2, 4, 5, 10, 20, 25 or 50 heads, or a kind whose heads have the full width: Attention = AttentionKind.Wide or AttentionKind.TutorialListing"));

    [Fact]
    public Task VIT0004_positional_heads() => VerifyAsync(Swap("[Encoder(layers: 3, heads: 2)]", "[Encoder(3, {|VIT0004:7|}, Attention = AttentionKind.Split)]"));

    [Fact]
    public Task VIT0004_neighbour_wide_attention_takes_any_heads() => VerifyAsync(Swap("[Encoder(layers: 3, heads: 2)]", "[Encoder(layers: 3, heads: 3, Attention = AttentionKind.Wide)]"));

    // VIT0005
    [Fact]
    public Task VIT0005_mlp_ratio_not_whole() => VerifyAsync(Swap("[Encoder(layers: 3, heads: 2)]", "[Encoder(layers: 3, heads: 2, {|VIT0005:MlpRatio = 0.001|})]"));

    [Fact]
    public Task VIT0005_neighbour_mlp_ratio_whole() => VerifyAsync(Swap("[Encoder(layers: 3, heads: 2)]", "[Encoder(layers: 3, heads: 2, MlpRatio = 0.333)]")); // 33 hidden features: timm truncates int(D * r)

    // VIT0006
    [Fact]
    public Task VIT0006_default_pooling_without_class_token() => VerifyAsync(Swap("[ClassToken]\n", "").Replace("[ClassifierHead(10)]", "[{|VIT0006:ClassifierHead(10)|}]", StringComparison.Ordinal));

    [Fact]
    public Task VIT0006_explicit_pooling_without_class_token() => VerifyAsync(Swap("[ClassToken]\n", "").Replace("[ClassifierHead(10)]", "[ClassifierHead(10, {|VIT0006:Pool = Pooling.ClassToken|})]", StringComparison.Ordinal));

    [Fact]
    public Task VIT0006_neighbour_mean_pooling() => VerifyAsync(Swap("[ClassToken]\n", "").Replace("[ClassifierHead(10)]", "[ClassifierHead(10, Pool = Pooling.Mean)]", StringComparison.Ordinal));

    // VIT0007
    [Fact]
    public Task VIT0007_encoder_on_an_image() => VerifyAsync(Model("""
        [Input(1, 28, 28)]
        [{|VIT0007:Encoder(3, 2)|}]
        """));

    [Fact]
    public Task VIT0007_head_on_an_image() => VerifyAsync(Model("""
        [Input(1, 28, 28)]
        [{|VIT0007:ClassifierHead(10)|}]
        """));

    [Fact]
    public Task VIT0007_encoder_after_head() => VerifyAsync(Model("""
        [Input(1, 28, 28)]
        [Patchify(7)]
        [PositionEmbedding]
        [ClassifierHead(10, Pool = Pooling.Mean)]
        [{|VIT0007:Encoder(3, 2)|}]
        """));

    [Fact]
    public Task VIT0007_neighbour_encoder_on_tokens() => VerifyAsync(Model("""
        [Input(1, 28, 28)]
        [Patchify(7)]
        [PositionEmbedding]
        [Encoder(3, 2)]
        """));

    // VIT0008
    [Fact]
    public Task A_second_class_token_is_legal_in_the_algebra() => VerifyAsync(Swap("[ClassToken]", "[ClassToken]\n[ClassToken]"));

    [Fact]
    public Task VIT0008_repeated_input() => VerifyAsync(Swap("[Input(1, 28, 28)]", "[Input(1, 28, 28)]\n[{|VIT0008:{|CS0579:Input|}(1, 28, 28)|}]"));

    [Fact]
    public Task VIT0007_patchify_on_a_token_sequence() => VerifyAsync(Swap("[PositionEmbedding]", "[PositionEmbedding]\n[{|VIT0007:Patchify(2)|}]"));

    [Fact]
    public Task VIT0008_neighbour_one_class_token() => VerifyAsync(Model(Valid));

    // VIT0009
    [Fact]
    public Task VIT0009_argument_of_the_wrong_type() => VerifyAsync(Swap("[Patchify(7, dim: 100)]", "[{|VIT0009:Patchify({|CS1503:\"seven\"|}, dim: 100)|}]"));

    [Fact]
    public Task VIT0009_neighbour_constant_expression() => VerifyAsync(Swap("[Patchify(7, dim: 100)]", "[Patchify(14 / 2, dim: 10 * 10)]"));

    // VIT0010
    [Fact]
    public Task VIT0010_absurd_layer_count() => VerifyAsync(Swap("[Encoder(layers: 3, heads: 2)]", "[Encoder({|VIT0010:layers: 20000|}, heads: 2)]"));

    [Fact]
    public Task VIT0010_parameter_count_overflows() => VerifyAsync(Swap("[Patchify(7, dim: 100)]", "[Patchify(7, dim: 1000000)]").Replace("layers: 3", "{|VIT0010:layers: 3|}", StringComparison.Ordinal));

    [Fact]
    public Task VIT0010_neighbour_large_but_buildable() => VerifyAsync(Swap("[Encoder(layers: 3, heads: 2)]", "[Encoder(layers: 48, heads: 2)]"));

    // VIT0011
    [Fact]
    public Task VIT0011_dropout_above_one() => VerifyAsync(Swap("[PositionEmbedding]", "[PositionEmbedding({|VIT0011:Dropout = 1.5|})]"));

    [Fact]
    public Task VIT0011_negative_epsilon() => VerifyAsync(Swap("[Encoder(layers: 3, heads: 2)]", "[Encoder(layers: 3, heads: 2, {|VIT0011:NormEpsilon = -1e-6|})]"));

    [Fact]
    public Task VIT0011_neighbour_dropout_in_range() => VerifyAsync(Swap("[PositionEmbedding]", "[PositionEmbedding(Dropout = 0.1)]"));

    // VIT0012
    [Fact]
    public Task VIT0012_not_partial() => VerifyAsync(Model(Valid, "public class {|VIT0012:M|} { }"));

    [Fact]
    public Task VIT0012_neighbour_partial() => VerifyAsync(Model(Valid, "public sealed partial class M { }"));

    // VIT0013
    [Fact]
    public Task VIT0013_generic() => VerifyAsync(Model(Valid, "public partial class {|VIT0013:M|}<T> { }"));

    [Fact]
    public Task VIT0013_nested() => VerifyAsync(Model("", "public class Outer\n{\n" + Valid + "\npublic partial class {|VIT0013:M|} { }\n}"));

    [Fact]
    public Task VIT0013_nested_in_a_generic_type() => VerifyAsync(Model("", "public partial class Outer<T>\n{\n" + Valid + "\npublic partial class {|VIT0013:M|} { }\n}"));

    [Fact]
    public Task VIT0013_neighbour_top_level() => VerifyAsync(Model(Valid, "internal partial class M { }"));

    [Fact]
    public Task VIT0013_neighbour_nested_in_partial_types() => VerifyAsync(Model("", "public static partial class Outer\n{\npublic partial record Inner\n{\n" + Valid + "\npublic partial class M { }\n}\n}"));

    // VIT0014
    [Fact]
    public Task VIT0014_base_class() => VerifyAsync(Model(Valid, "public partial class M : {|VIT0014:System.Exception|} { }"));

    [Fact]
    public Task VIT0014_neighbour_interface_only() => VerifyAsync(Model(Valid, "public partial class M : System.IDisposable { public void Dispose() { } }"));

    // VIT0015
    [Fact]
    public Task VIT0015_parameterless_constructor() => VerifyAsync(Model(Valid, "public partial class M { public {|VIT0015:M|}() { } }"));

    [Fact]
    public Task VIT0015_neighbour_constructor_with_parameters() => VerifyAsync(
        // It calls this(), the constructor ViT# generates (so the compiler alone finds none: only ViT# diagnostics count).
        Model(Valid, "public partial class M { public M(int seed) : this() { _ = seed; } }"),
        CompilerDiagnostics.None);

    // VIT0016
    [Fact]
    public Task VIT0016_undefined_pooling() => VerifyAsync(Swap("[ClassifierHead(10)]", "[ClassifierHead(10, {|VIT0016:Pool = (Pooling)42|})]"));

    [Fact]
    public Task VIT0016_undefined_initialization() => VerifyAsync(Model(Valid + "\n[Initialize({|VIT0016:(Initialization)7|})]"));

    [Fact]
    public Task VIT0016_neighbour_defined_values() => VerifyAsync(Model(Valid.Replace("[ClassifierHead(10)]", "[ClassifierHead(10, Pool = Pooling.Mean)]", StringComparison.Ordinal) + "\n[Initialize(Initialization.PyTorchDefault)]"));

    // VIT0017
    [Fact]
    public Task VIT0017_no_position_embedding() => VerifyAsync(Model(Valid.Replace("[PositionEmbedding]\n", "", StringComparison.Ordinal).Replace("[Encoder(layers: 3, heads: 2)]", "[{|VIT0017:Encoder(layers: 3, heads: 2)|}]", StringComparison.Ordinal)));

    [Fact]
    public Task VIT0017_neighbour_with_position_embedding() => VerifyAsync(Model(Valid));

    // VIT0019
    [Fact]
    public Task VIT0019_absurd_class_count() => VerifyAsync(Swap("[ClassifierHead(10)]", "[{|VIT0019:{|VIT0029:ClassifierHead(2147483647)|}|}]"));

    [Fact]
    public Task VIT0019_neighbour_large_class_count() => VerifyAsync(Swap("[ClassifierHead(10)]", "[ClassifierHead(21843)]"));
}

using Microsoft.CodeAnalysis.Testing;
using static ViT.Generators.Tests.Analyzers.AnalyzerVerifier;

namespace ViT.Generators.Tests.Analyzers;

/// <summary>
/// The diagnostics of the layer algebra (convolutions, dense layers, composition), each at the offending attribute or
/// argument, with its passing neighbour.
/// </summary>
public sealed class LayerAlgebraAnalyzerTests
{
    const string LeNet = """
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
        [Linear(10)]
        """;

    const string Block = """

        [Input(16, 14, 14)]
        [Conv2d(16, 3, padding: 1, Bias = false)]
        [BatchNorm2d]
        public partial class Block { }
        """;

    static string Model(string attributes, string others = "") => $$"""
        using ViT;

        namespace Models;

        {{attributes}}
        public partial class M { }
        {{others}}
        """;

    [Fact]
    public Task LeNet_has_no_diagnostics() => VerifyAsync(Model(LeNet));

    // The "done when": a Linear straight after a max-pool. The second location is where [Flatten] goes.
    [Fact]
    public Task VIT0007_linear_after_a_pool_names_the_incoming_shape() => VerifyAsync(
        Model(LeNet.Replace("[Flatten]\n", "", StringComparison.Ordinal).Replace("[Linear(120)]", "[{|#0:Linear(120)|}]", StringComparison.Ordinal)),
        Diagnostic("VIT0007").WithLocation(0).WithLocation(0).WithArguments("[Linear] takes a vector [F] or tokens [N, D] but receives an image [16, 5, 5]; insert [Flatten] (→ [400]) or [GlobalAveragePool] (→ [16]) before it"));

    [Fact]
    public Task VIT0007_conv_on_a_vector() => VerifyAsync(Model("[Input(1, 28, 28)]\n[Flatten]\n[{|VIT0007:Conv2d(4, 3)|}]"));

    [Fact]
    public Task VIT0020_kernel_larger_than_the_input() => VerifyAsync(
        Model("[Input(1, 24, 24)]\n[MaxPool2d(2)]\n[MaxPool2d(2)]\n[MaxPool2d(2)]\n[Conv2d(8, {|#0:5|})]"),
        Diagnostic("VIT0020").WithLocation(0).WithArguments("[Conv2d(8, 5)]: the kernel 5 is larger than the padded height 3 (3 + 2·0), so the height goes 24→12→6→3→0 here; use a smaller kernel, more padding, or fewer downsampling layers before it"));

    [Fact]
    public Task VIT0020_neighbour_padding_makes_it_fit() => VerifyAsync(Model("[Input(1, 24, 24)]\n[MaxPool2d(2)]\n[MaxPool2d(2)]\n[MaxPool2d(2)]\n[Conv2d(8, 5, padding: 1)]"));

    [Fact]
    public Task VIT0020_pool_padding_over_half_the_kernel() => VerifyAsync(Model("[Input(1, 28, 28)]\n[AvgPool2d(2, {|VIT0020:Padding = 2|})]"));

    [Fact]
    public Task VIT0021_groups_that_do_not_divide_the_channels() => VerifyAsync(Model("[Input(6, 8, 8)]\n[Conv2d(12, 3, {|VIT0021:Groups = 4|})]"));

    [Fact]
    public Task VIT0021_neighbour_depthwise() => VerifyAsync(Model("[Input(6, 8, 8)]\n[Conv2d(6, 3, Groups = 6)]"));

    [Fact]
    public Task VIT0022_composed_model_declared_for_another_shape() => VerifyAsync(Model("[Input(1, 28, 28)]\n[Conv2d(16, 3)]\n[Layer({|VIT0022:typeof(Block)|})]", Block));

    [Fact]
    public Task VIT0022_neighbour_composed_model_fits() => VerifyAsync(Model("[Input(1, 28, 28)]\n[Conv2d(16, 3, stride: 2, padding: 1)]\n[Layer(typeof(Block))]\n[Residual(typeof(Block))]", Block));

    [Fact]
    public Task VIT0023_residual_block_that_changes_the_shape() => VerifyAsync(Model(
        "[Input(16, 14, 14)]\n[Residual({|VIT0023:typeof(Down)|})]",
        "\n[Input(16, 14, 14)]\n[Conv2d(32, 3, stride: 2, padding: 1)]\npublic partial class Down { }"));

    [Fact]
    public Task VIT0024_a_model_that_contains_itself() => VerifyAsync(Model("[Input(4)]\n[Linear(4)]\n[Residual({|VIT0024:typeof(M)|})]"));

    [Fact]
    public Task VIT0025_a_type_that_is_not_a_model() => VerifyAsync(Model("[Input(4)]\n[Layer({|VIT0025:typeof(System.String)|})]"));

    [Fact]
    public Task VIT0025_a_model_with_errors_of_its_own() => VerifyAsync(Model(
        "[Input(1, 28, 28)]\n[Layer({|VIT0025:typeof(Broken)|})]",
        "\n[Input(1, 28, 28)]\n[Patchify({|VIT0003:6|})]\npublic partial class Broken { }"));

    // Found by the soundness test: the class token that Tokens prepends reaches the head (torch pools it), but shape
    // inference counts no class token after a composed layer. The fix is not local to a layer unit (ShapeInference asks
    // the unresolved layer for ClassTokensAfter); see the soundness helper's report.
    [Fact]
    public Task VIT0006_not_reported_for_a_class_token_prepended_by_a_composed_model() => VerifyAsync(Model(
        "[Input(1, 4, 4)]\n[Layer(typeof(Tokens))]\n[ClassifierHead(3)]",
        "\n[Input(1, 4, 4)]\n[Patchify(2, dim: 8)]\n[ClassToken]\npublic partial class Tokens { }"));

    [Fact]
    public Task VIT0006_neighbour_no_class_token_anywhere() => VerifyAsync(Model(
        "[Input(1, 4, 4)]\n[Layer(typeof(Tokens))]\n[ClassifierHead(3, {|VIT0006:Pool = Pooling.ClassToken|})]",
        "\n[Input(1, 4, 4)]\n[Patchify(2, dim: 8)]\npublic partial class Tokens { }"));

    [Fact]
    public Task VIT0027_two_activations_in_a_row() => VerifyAsync(Model("[Input(4)]\n[Linear(8)]\n[Activation(Activation.ReLU)]\n[{|VIT0027:Activation(Activation.ReLU)|}]\n[Linear(2)]"));

    [Fact]
    public Task VIT0028_pool_that_drops_a_remainder() => VerifyAsync(Model("[Input(1, 7, 7)]\n[MaxPool2d({|VIT0028:2|})]"));

    [Fact]
    public Task VIT0028_neighbour_pool_that_divides() => VerifyAsync(Model("[Input(1, 8, 8)]\n[MaxPool2d(2)]"));

    [Fact]
    public Task VIT0029_activations_too_large_to_train() => VerifyAsync(Model(
        "[Input(3, 46341, 1)]\n[Patchify(1)]\n[ClassToken]\n[PositionEmbedding]\n[{|VIT0029:Encoder(3, heads: 4, MlpRatio = 0.25)|}]\n[ClassifierHead(10)]"));

    [Fact]
    public Task VIT0030_a_member_that_clashes_with_a_generated_one() => VerifyAsync("""
        using ViT;

        [Input(4)]
        [Linear(2)]
        public partial class M
        {
            public int {|VIT0030:forward|};

            public static string {|VIT0030:Summary|} => "mine";
        }
        """);

    [Fact]
    public Task VIT0030_neighbour_other_members_are_fine() => VerifyAsync("""
        using ViT;

        [Input(4)]
        [Linear(2)]
        public partial class M
        {
            public int patch_embed;

            public void InitializeWeights() { }

            public class Block { }
        }
        """);

    [Fact]
    public Task VIT0013_a_record_is_not_a_model() => VerifyAsync("""
        using ViT;

        [Input(4)]
        [Linear(2)]
        public partial record {|VIT0013:M|};
        """);

    [Fact]
    public Task VIT0014_explicit_object_base() => VerifyAsync("""
        using ViT;

        [Input(4)]
        [Linear(2)]
        public partial class M : {|VIT0014:object|};
        """);

    // The fuzzer's reproducers: each compiled on its own and broke the generated code (or was silently not extended).
    [Fact]
    public Task VIT0030_a_model_class_named_like_a_generated_member() => VerifyAsync(TwoLayers("public partial class {|VIT0030:ModelSummary|};"));

    [Fact]
    public Task VIT0030_a_global_type_that_hides_a_namespace_the_generated_code_names() => VerifyAsync(TwoLayers("public partial class {|VIT0030:M|};", "public class TorchSharp { }"));

    [Fact]
    public Task VIT0015_a_primary_constructor() => VerifyAsync(TwoLayers("public partial class {|VIT0015:M|}(int size);"));

    [Fact]
    public Task VIT0015_a_constructor_that_does_not_call_this() => VerifyAsync(TwoLayers("public partial class M { public {|VIT0015:M|}(int size) { } }"));

    // this() is the generated constructor, so without the generator the compiler finds none: only ViT# diagnostics count.
    [Fact]
    public Task VIT0015_neighbour_a_constructor_that_calls_this_and_a_static_one() =>
        VerifyAsync(TwoLayers("public partial class M { static M() { } public M(int size) : this() { } }"), CompilerDiagnostics.None);

    [Fact]
    public Task VIT0013_a_file_local_model() => VerifyAsync(TwoLayers("file partial class {|VIT0013:M|};"));

    [Fact]
    public Task VIT0013_a_model_in_a_file_local_type() => VerifyAsync("""
        using ViT;

        file partial class Outer
        {
            [Input(4)]
            [Linear(2)]
            public partial class {|VIT0013:M|};
        }
        """);

    /// <summary><c>[Input(4)] [Linear(2)]</c> on <paramref name="declaration"/>, and <paramref name="after"/> below it.</summary>
    static string TwoLayers(string declaration, string after = "") => $"using ViT;\n\n[Input(4)]\n[Linear(2)]\n{declaration}\n{after}\n";
}

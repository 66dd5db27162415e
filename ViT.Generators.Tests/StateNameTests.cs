using ViT.Generators.Diagnostics;
using ViT.Generators.Shapes;
using static ViT.Generators.Tests.ShapeInferenceTests;

namespace ViT.Generators.Tests;

/// <summary>
/// The state-dict names the user gives (<c>Name</c>, a repeat's <c>FirstItemName</c>) and the names derived from them:
/// what PyTorch's <c>add_module</c> refuses is VIT0032 at the argument, and a named part's companions are named after it.
/// </summary>
public sealed class StateNameTests
{
    const string Unit = """
        using ViT;
        [Block, Linear(In.Features)]
        public partial class Unit;
        """;

    [Fact]
    public void A_named_encoders_final_norm_is_named_after_it()
    {
        // The norm's name was cut from "blocks_N": a Name shorter than "blocks" threw, a longer one gave "norm" and its tail (found by the soundness check).
        var trace = ShapeInference.Infer(Spec("[Input(1, 28, 28), Patchify(7, dim: 16), ClassToken, Encoder(1, 2, Name = \"enc\"), Encoder(1, 2, Name = \"trunk_encoder\"), ClassifierHead(10)]"));
        Assert.DoesNotContain(trace.Violations, v => !v.IsWarning);
        Assert.Equal(
            "patch_embed cls_token enc.0 enc_norm trunk_encoder.0 trunk_encoder_norm head",
            string.Join(" ", trace.Rows.Select(r => r.Name)));
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("layer 1-")]
    public void A_repeats_first_item_name_must_be_a_state_dict_name(string firstItemName)
    {
        // The uses were named "a.b0", "a.b1", which add_module refuses: accepted, the model failed to build (found by the soundness check).
        var trace = ShapeInference.Infer(Spec($"[Input(4), Repeat(2, typeof(Unit), FirstItemName = \"{firstItemName}\")]", Unit));
        var violation = Assert.Single(trace.Violations);
        Assert.Equal((DiagnosticIds.LayerNameInvalid, "FirstItemName"), (violation.Id, violation.Argument));
        Assert.StartsWith($"FirstItemName = \"{firstItemName}\" is not a state-dict name", violation.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Input(4), Repeat(2, typeof(Unit), FirstItemName = \"block1\")]", "block1 block1.0 block2 block2.0")]
    [InlineData("[Input(4), Repeat(2, typeof(Unit), FirstItemName = \"\", Name = \"stage\")]", "stage stage.0 stage.1")]
    public void A_repeats_uses_count_up_from_its_first_item_name(string attributes, string names)
    {
        var trace = ShapeInference.Infer(Spec(attributes, Unit));
        Assert.Empty(trace.Violations);
        Assert.Equal(names, string.Join(" ", trace.Rows.Where(r => r.Depth <= 1).Select(r => r.Name)));
    }

    [Fact]
    public void Classes_inlined_inside_an_inlined_class_take_the_positions_they_land_on()
    {
        // Only the outer inlined class's layers moved: those of a class inlined in it, or repeated in it, kept their
        // positions there, so two fields were both "0" (CS0102 in the generated code; found by the soundness check).
        const string classes = """
            using ViT;
            [Block, Conv2d(In.Channels, 3, padding: 1), BatchNorm2d, Activation(Activation.ReLU)]
            public partial class Cbr;
            [Block, Layer(typeof(Cbr), Inline = true), Layer(typeof(Cbr), Inline = true)]
            public partial class Pair;
            [Block, Repeat(2, typeof(Cbr))]
            public partial class Twice;
            """;
        const string model = "[Input(3, 8, 8), Conv2d(4, 1), Layer(typeof(Pair), Inline = true), Layer(typeof(Twice), Inline = true), Flatten, Linear(2)]";
        var trace = ShapeInference.Infer(Spec(model, classes));
        Assert.Empty(trace.Violations);
        Assert.Equal("0 1 2 4 5 7 7.0 7.1 8 8.0 8.1 10", string.Join(" ", trace.Rows.Where(r => r.Parameters > 0).Select(r => r.Name)));
        var (_, compilation, _) = GeneratorHarness.Run($"using ViT;\n{model}\npublic partial class M;\n", classes);
        Assert.Empty(GeneratorHarness.Problems(compilation));
    }
}

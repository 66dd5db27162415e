using ViT.Generators.Diagnostics;
using ViT.Generators.Shapes;
using static ViT.Generators.Tests.ShapeInferenceTests;

namespace ViT.Generators.Tests;

/// <summary>
/// A use's values for a block's constants are C# arguments, bound as C# binds a call's: by position or by name, a named
/// value before a positional one in its own position, each constant once; a repeat's <c>First</c> values over the others.
/// (The soundness check found the generator taking a constant given twice, the later value winning.)
/// </summary>
public sealed class UseValuesTests
{
    const string Blocks = """
        using ViT;
        [Block, Conv2d(Width, 3, stride: Stride, padding: 1)]
        public partial class Unit { const int Width = 4, Stride = 1; }
        """;

    static ShapeTrace Use(string values) => ShapeInference.Infer(Spec($"[Input(2, 8, 8), Layer(typeof(Unit), \"{values}\")]", Blocks));

    [Theory]
    [InlineData("Width: 8, Width: 16", "\"Width: 8, Width: 16\" gives Width twice; give each constant once")]
    [InlineData("8, Width: 16", "\"8, Width: 16\" gives Width twice; give each constant once")]
    [InlineData("Stride: 2, 8", "\"Stride: 2, 8\" gives 8 by position after a value named out of its position, which C# does not allow; name it too (Stride: 8)")]
    public void A_constant_given_twice_or_a_value_by_position_after_one_named_out_of_place_is_refused(string values, string problem)
    {
        var violation = Assert.Single(Use(values).Violations);
        Assert.Equal((DiagnosticIds.BlockArgumentInvalid, "arguments"), (violation.Id, violation.Argument));
        Assert.EndsWith(problem, violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_named_value_in_its_own_position_may_come_before_positional_ones()
    {
        var trace = Use("Width: 8, 2");
        Assert.Empty(trace.Violations);
        Assert.Equal(Shape.Of(8, 4, 4), trace.OutputShape);
    }

    [Theory]
    [InlineData("\"Width: 8\", First = \"16, 2\"", 16)] // First's values by position win over the others' by name
    [InlineData("\"8, 1\", First = \"Stride: 2\"", 8)] // and by name over the others' by position (torchvision's stride)
    public void A_repeats_first_values_are_bound_over_the_others(string values, int firstWidth)
    {
        var trace = ShapeInference.Infer(Spec($"[Input(2, 8, 8), Repeat(2, typeof(Unit), {values}, Name = \"stage\")]", Blocks));
        Assert.Empty(trace.Violations);
        Assert.Equal(
            new[] { $"stage.0 [{firstWidth}, 4, 4]", "stage.1 [8, 4, 4]" },
            trace.Rows.Where(r => r.Depth == 1).Select(r => $"{r.Name} {r.Shape}"));
    }
}

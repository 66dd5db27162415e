using ViT.Generators.Diagnostics;
using ViT.Generators.Shapes;
using static ViT.Generators.Tests.ShapeInferenceTests;

namespace ViT.Generators.Tests;

/// <summary>Models used as layers of other models: shapes, names, parameters, and what cannot compose.</summary>
public sealed class CompositionTests
{
    const string Block = "using ViT;\n[Input(16, 14, 14), Conv2d(16, 3, padding: 1, Bias = false), BatchNorm2d, Activation(Activation.ReLU), Conv2d(16, 3, padding: 1, Bias = false), BatchNorm2d]\npublic partial class Block;\n";

    static ShapeViolation Error(ShapeTrace trace) => Assert.Single(trace.Violations, v => !v.IsWarning);

    [Fact]
    public void A_residual_block_adds_its_rows_under_its_own_and_counts_its_parameters_once()
    {
        var trace = ShapeInference.Infer(Spec("[Input(1, 28, 28), Conv2d(16, 3, stride: 2, padding: 1), Residual(typeof(Block)), Activation(Activation.ReLU), GlobalAveragePool, Linear(10)]", Block));
        Assert.Empty(trace.Violations);
        long block = 2 * ((16 * 16 * 9) + 32);
        Assert.Equal((16 * 9) + 16 + block + (16 * 10) + 10, trace.TotalParameters);
        Assert.Equal(
            new[] { "0 0", "1 0", "1.0 1", "1.1 1", "1.2 1", "1.3 1", "1.4 1", "2 0", "3 0", "4 0" },
            trace.Rows.Select(r => $"{r.Name} {r.Depth}"));
        Assert.Equal(block, trace.Rows.Single(r => r.Name == "1").Parameters);
        Assert.Equal("Residual: x + Block(x)", trace.Rows.Single(r => r.Name == "1").Type);
    }

    [Fact]
    public void A_composed_model_must_be_declared_for_the_incoming_shape()
    {
        var violation = Error(ShapeInference.Infer(Spec("[Input(1, 28, 28), Conv2d(8, 3, padding: 1), Layer(typeof(Block))]", Block)));
        Assert.Equal((DiagnosticIds.ComposedInputMismatch, "model"), (violation.Id, violation.Argument));
        Assert.Equal("Block is declared for input [16, 14, 14] but receives an image [8, 28, 28] here; declare [Input(8, 28, 28)] on Block, make it a [Block] (which fits what arrives), or change the layers before this one", violation.Message);
    }

    [Fact]
    public void A_residual_block_must_keep_the_shape()
    {
        const string down = "using ViT;\n[Input(16, 14, 14), Conv2d(32, 3, stride: 2, padding: 1)]\npublic partial class Down;\n";
        var violation = Error(ShapeInference.Infer(Spec("[Input(16, 14, 14), Residual(typeof(Down))]", down)));
        Assert.Equal((DiagnosticIds.ResidualChangesShape, "block"), (violation.Id, violation.Argument));
        Assert.StartsWith("A residual block must give back the shape it receives, but Down maps [16, 14, 14] to [32, 7, 7]", violation.Message, StringComparison.Ordinal);
        Assert.True(ShapeInference.Infer(Spec("[Input(16, 14, 14), Layer(typeof(Down))]", down)).IsValid);
    }

    [Theory]
    [InlineData("[Input(4), Layer(typeof(M))]", "M → M")]
    [InlineData("[Input(4), Layer(typeof(A))]", "M → A → B → M")]
    public void Cycles_are_diagnostics_not_hangs(string attributes, string cycle)
    {
        const string others = "using ViT;\n[Input(4), Layer(typeof(B))] public partial class A;\n[Input(4), Residual(typeof(M))] public partial class B;\n";
        var violation = Error(ShapeInference.Infer(Spec(attributes, others)));
        Assert.Equal(DiagnosticIds.CompositionCycle, violation.Id);
        Assert.StartsWith(cycle + ": a model cannot contain itself", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_valid_ViT_models_compose()
    {
        var notModel = Error(ShapeInference.Infer(Spec("[Input(4), Layer(typeof(string))]")));
        Assert.Equal(DiagnosticIds.ComposedModelInvalid, notModel.Id);
        Assert.StartsWith("string is not a ViT# model", notModel.Message, StringComparison.Ordinal);

        const string broken = "using ViT;\n[Input(1, 28, 28), Patchify(6)] public partial class Broken;\n";
        var invalid = Error(ShapeInference.Infer(Spec("[Input(1, 28, 28), Layer(typeof(Broken))]", broken)));
        Assert.Equal(DiagnosticIds.ComposedModelInvalid, invalid.Id);
        Assert.StartsWith("Broken cannot be used as a layer until its own errors are fixed (VIT0003: Patch size 6", invalid.Message, StringComparison.Ordinal);

        // Found by the 100,000-case fuzz run: an abstract model (abstract in any of its partial declarations) was
        // generated as a layer with new X(), which does not compile (CS0144).
        const string abstractModel = "using ViT;\n[Input(4), Linear(4)] public partial class Shared;\nabstract partial class Shared;\n";
        var notCreatable = Error(ShapeInference.Infer(Spec("[Input(4), Residual(typeof(Shared))]", abstractModel)));
        Assert.Equal(DiagnosticIds.ComposedModelInvalid, notCreatable.Id);
        Assert.StartsWith("Shared is abstract, so it cannot be created as a layer; remove 'abstract'", notCreatable.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Token_and_vector_inputs_let_blocks_compose_anywhere()
    {
        const string mlp = "using ViT;\n[Input(17, 64), Linear(128), Activation(Activation.GELU), Linear(64)] public partial class TokenMlp;\n";
        var trace = ShapeInference.Infer(Spec("[Input(1, 28, 28), Patchify(7, dim: 64), ClassToken, PositionEmbedding, Residual(typeof(TokenMlp)), ClassifierHead(10)]", mlp));
        Assert.Empty(trace.Violations);
        Assert.Equal("[10]", trace.OutputShape.ToString());
    }

    // Found by the fuzzer: models that each use the next several times were read once per path through them (fan-out
    // 4 over 16 models: 4^15 readings, an analysis that never ended). Now each model is read once, and uses beyond a
    // budget are refused.
    [Fact]
    public void Models_that_use_the_next_many_times_are_refused_past_a_budget()
    {
        string chain = string.Concat(Enumerable.Range(1, 12).Select(i => $"[Input(4), Residual(typeof(D{i + 1})), Layer(typeof(D{i + 1}))] public partial class D{i};\n"));
        var violation = Error(ShapeInference.Infer(Spec("[Input(4), Layer(typeof(D1)), Layer(typeof(D1))]", "using ViT;\n" + chain + "[Input(4), Linear(4)] public partial class D13;\n")));
        Assert.Equal(DiagnosticIds.CompositionCycle, violation.Id);
        Assert.Contains($"uses models as layers more than {Composition.InferenceSession.MaxComposedModels:N0} times in all", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_read_once_and_used_again_deeper_still_meets_the_nesting_limit()
    {
        // X is read cleanly right under M (one level below it: Y); used again 15 models down, it would nest 17 deep.
        string chain = string.Concat(Enumerable.Range(1, 14).Select(i => $"[Input(4), Layer(typeof({(i < 14 ? "C" + (i + 1) : "X")}))] public partial class C{i};\n"));
        string others = "using ViT;\n" + chain + "[Input(4), Layer(typeof(Y))] public partial class X;\n[Input(4), Linear(4)] public partial class Y;\n";
        var violation = Error(ShapeInference.Infer(Spec("[Input(4), Layer(typeof(X)), Layer(typeof(C1))]", others)));
        Assert.Equal(DiagnosticIds.CompositionCycle, violation.Id);
        Assert.StartsWith("Models are nested more than 16 deep here (M → C1 → C2", violation.Message, StringComparison.Ordinal);
        Assert.True(ShapeInference.Infer(Spec("[Input(4), Layer(typeof(X)), Layer(typeof(X)), Residual(typeof(Y))]", others)).IsValid);
    }

    [Fact]
    public void A_model_read_once_and_used_again_still_counts_against_the_budget()
    {
        // Z uses Y 600 times: used once it fits the budget of 1,024 uses, used twice it does not.
        string z = "[Input(4)" + string.Concat(Enumerable.Repeat(", Repeat(200, typeof(Y))", 3)) + "] public partial class Z;\n";
        string others = "using ViT;\n" + z + "[Input(4), Linear(4)] public partial class Y;\n";
        Assert.True(ShapeInference.Infer(Spec("[Input(4), Layer(typeof(Z))]", others)).IsValid);
        var violation = Error(ShapeInference.Infer(Spec("[Input(4), Layer(typeof(Z)), Layer(typeof(Z))]", others)));
        Assert.StartsWith("M uses models as layers more than", violation.Message, StringComparison.Ordinal);
    }
}

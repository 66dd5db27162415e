namespace ViT.Generators.Tests;

/// <summary>
/// Broken, half-typed or absurd models give no exception, no CS8785 and no generated model: at most the class's other
/// half with a doc comment naming the errors, which must compile.
/// </summary>
public sealed class NeverThrowsTests
{
    public static TheoryData<string> Broken() => new()
    {
        // incomplete code
        "[ViT.Input(1, 28, 28)] [ViT.Patchify(",
        "[ViT.Input(1, 28, 28)] partial class",
        "[ViT.Input(1, 28, 28), ViT.Patchify(7)] partial class M : ",
        "[ViT.Input(1, 28, 28), ViT.Patchify(7), ViT.Encoder(layers: 3, heads: )] partial class M;",
        "[ViT.Input(4), ViT.Linear(2)] partial class { }", // the fuzzer's: a class whose name is not typed yet got a nameless generated part
        // wrong argument types
        "[ViT.Input(\"one\", 28, 28), ViT.Patchify(7)] partial class M;",
        "[ViT.Input(1, 28, 28), ViT.Patchify(7.5)] partial class M;",
        "[ViT.Input(1, 28, 28), ViT.Patchify(7), ViT.Encoder(layers: 3, heads: 2, Attention = 3.0)] partial class M;",
        "[ViT.Input(1, 28, 28), ViT.Patchify(7), ViT.ClassifierHead(null)] partial class M;",
        // missing arguments
        "[ViT.Input(1, 28), ViT.Patchify(7)] partial class M;",
        "[ViT.Input, ViT.Patchify] partial class M;",
        "[ViT.Input(1, 28, 28), ViT.Patchify(7), ViT.Encoder(layers: 3)] partial class M;",
        // absurd numbers
        "[ViT.Input(0, 28, 28), ViT.Patchify(7)] partial class M;",
        "[ViT.Input(1, -28, 28), ViT.Patchify(7)] partial class M;",
        "[ViT.Input(1, 28, 28), ViT.Patchify(0)] partial class M;",
        "[ViT.Input(1, 28, 28), ViT.Patchify(-7, dim: -1)] partial class M;",
        "[ViT.Input(int.MaxValue, int.MaxValue, int.MaxValue), ViT.Patchify(1, dim: int.MaxValue), ViT.ClassToken, ViT.PositionEmbedding, ViT.Encoder(int.MaxValue, int.MaxValue), ViT.ClassifierHead(int.MaxValue)] partial class M;",
        "[ViT.Input(1, 28, 28), ViT.Patchify(7), ViT.Encoder(layers: int.MaxValue, heads: 1)] partial class M;",
        "[ViT.Input(1, 28, 28), ViT.Patchify(7), ViT.Encoder(layers: 1, heads: 0)] partial class M;",
        "[ViT.Input(1, 28, 28), ViT.Patchify(7), ViT.Encoder(layers: 1, heads: 2, MlpRatio = double.NaN)] partial class M;",
        "[ViT.Input(1, 28, 28), ViT.Patchify(7), ViT.Encoder(layers: 1, heads: 2, MlpRatio = -1, Dropout = 2)] partial class M;",
        "[ViT.Input(1, 28, 28), ViT.Patchify(7), ViT.Encoder(layers: 1, heads: 2, NormEpsilon = -1)] partial class M;",
        "[ViT.Input(1, 28, 28), ViT.Patchify(7), ViT.ClassifierHead(0)] partial class M;",
        "[ViT.Input(1, 28, 28), ViT.Patchify(7), ViT.ClassifierHead(10, Pool = (ViT.Pooling)42)] partial class M;",
        "[ViT.Input(1, 28, 28), ViT.Patchify(7), ViT.Encoder(layers: 1, heads: 2, Attention = (ViT.AttentionKind)7)] partial class M;",
        // constraint violations and unsupported declarations
        "[ViT.Input(1, 28, 28), ViT.Patchify(6)] partial class M;",
        "[ViT.Input(1, 28, 28), ViT.Patchify(7), ViT.Encoder(layers: 3, heads: 3)] partial class M;",
        "[ViT.Input(1, 28, 28), ViT.Patchify(7), ViT.ClassifierHead(10)] partial class M;",
        "[ViT.Patchify(7), ViT.Input(1, 28, 28)] partial class M;",
        "[ViT.Input(1, 28, 28)] partial class M;",
        "[ViT.Input(1, 28, 28), ViT.ClassifierHead(10)] partial class M;",
        "[ViT.Input(1, 28, 28), ViT.Patchify(7)] class NotPartial;",
        "[ViT.Input(1, 28, 28), ViT.Patchify(7)] partial class WithBase : System.Exception;",
        "[ViT.Input(1, 28, 28), ViT.Patchify(7)] partial class Generic<T>;",
        "class Outer { [ViT.Input(1, 28, 28), ViT.Patchify(7)] partial class Nested; }",
        "[ViT.Input(1, 28, 28), ViT.Patchify(7)] static partial class Static;",
        "[ViT.Input(1, 28, 28), ViT.Patchify(7)] partial class Ctor { public Ctor() { } }",
        "[ViT.Input(1, 28, 28), ViT.Patchify(7)] partial struct NotAClass;",
        // the shorthand together with layer attributes, or half-typed
        "[ViT.VisionTransformer(1, 28, 28, 7, 100, 3, 2, 10), ViT.Input(1, 28, 28), ViT.Patchify(7)] partial class Both;",
        "[ViT.VisionTransformer(1, 28, 28, 7, 100, 3, 2)] partial class Short;",
        "[ViT.VisionTransformer(1, 28, 28, 6, 100, 3, 3, 10)] partial class BadPatch;",
        // the fuzzer's: a marker on two partial declarations (CS0579) gave two files of one hint name, CS8785
        "[ViT.Input(4), ViT.Linear(2)] partial class Twice; [ViT.Input(4)] partial class Twice;",
        "[ViT.VisionTransformer(1, 8, 8, 4, 8, 1, 2, 3)] partial class Twice; [ViT.VisionTransformer(1, 8, 8, 4, 8, 1, 2, 3)] partial class Twice;",
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Generator_stays_quiet_and_never_throws(string source)
    {
        var (result, output, diagnostics) = GeneratorHarness.Run(source);
        var run = Assert.Single(result.Results);
        Assert.Null(run.Exception);
        Assert.DoesNotContain(diagnostics, d => d.Id == "CS8785");
        Assert.Empty(diagnostics);
        // No model is built: an invalid model's file has only the members that throw, never layers.
        Assert.All(result.GeneratedTrees, tree => Assert.DoesNotContain("RegisterComponents(", tree.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && result.GeneratedTrees.Contains(tree));
    }
}

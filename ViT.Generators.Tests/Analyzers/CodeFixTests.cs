using ViT.CodeFixes;

namespace ViT.Generators.Tests.Analyzers;

/// <summary>Before and after for every code fix.</summary>
public sealed class CodeFixTests
{
    static string Model(string patchify, string encoder, string declaration = "public partial class M { }", bool classToken = true) => $$"""
        using ViT;

        namespace Models;

        [Input(1, 28, 28)]
        [{{patchify}}]
        {{(classToken ? "[ClassToken]\n" : "")}}[PositionEmbedding]
        [{{encoder}}]
        [ClassifierHead(10)]
        {{declaration}}
        """;

    [Fact]
    public Task Make_partial() => CodeFixVerifier<MakePartialCodeFix>.VerifyAsync(
        Model("Patchify(7)", "Encoder(3, 2)", "public sealed class {|VIT0012:M|} { }"),
        Model("Patchify(7)", "Encoder(3, 2)", "public sealed partial class M { }"));

    [Fact]
    public Task Make_partial_without_other_modifiers() => CodeFixVerifier<MakePartialCodeFix>.VerifyAsync(
        Model("Patchify(7)", "Encoder(3, 2)", "class {|VIT0012:M|} { }"),
        Model("Patchify(7)", "Encoder(3, 2)", "partial class M { }"));

    static string Nested(string declaration) => $$"""
        using ViT;

        namespace Models;

        {{declaration}}
        """;

    const string Vit = "[Input(1, 28, 28), Patchify(7), ClassToken, PositionEmbedding, Encoder(3, 2), ClassifierHead(10)]";

    [Fact]
    public Task Make_container_partial() => CodeFixVerifier<MakeContainersPartialCodeFix>.VerifyAsync(
        Nested($$"""
            public sealed class Outer
            {
                {{Vit}}
                public partial class {|VIT0013:M|} { }
            }
            """),
        Nested($$"""
            public sealed partial class Outer
            {
                {{Vit}}
                public partial class M { }
            }
            """),
        title: "Make Outer partial");

    [Fact]
    public Task Make_every_container_partial_in_one_action() => CodeFixVerifier<MakeContainersPartialCodeFix>.VerifyAsync(
        Nested($$"""
            public static class Zoo
            {
                record Inner
                {
                    {{Vit}}
                    public partial class {|VIT0013:M|} { }
                }
            }
            """),
        Nested($$"""
            public static partial class Zoo
            {
                partial record Inner
                {
                    {{Vit}}
                    public partial class M { }
                }
            }
            """),
        title: "Make Zoo and Inner partial");

    // Partial containers would not help: the model or a container is generic, or the model is static.
    [Theory]
    [InlineData("public class Outer\n{\n[V]\npublic partial class {|VIT0013:M|}<T> { }\n}")]
    [InlineData("public class Outer\n{\n[V]\npublic static partial class {|VIT0013:M|} { }\n}")]
    [InlineData("public partial class Outer<T>\n{\npublic class Inner\n{\n[V]\npublic partial class {|VIT0013:M|} { }\n}\n}")]
    [InlineData("public class Outer<T>\n{\n[V]\npublic partial class {|VIT0013:M|} { }\n}")]
    public Task No_container_fix_when_partial_cannot_mend_it(string declaration) => CodeFixVerifier<MakeContainersPartialCodeFix>.VerifyNoFixAsync(
        Nested(declaration.Replace("[V]", Vit, StringComparison.Ordinal)));

    [Theory]
    [InlineData("2")]
    [InlineData("4")]
    [InlineData("5")]
    [InlineData("10")]
    [InlineData("20")]
    [InlineData("25")]
    [InlineData("50")]
    public Task Replace_heads_by_each_valid_count(string heads) => CodeFixVerifier<ReplaceHeadsCodeFix>.VerifyAsync(
        Model("Patchify(7, dim: 100)", "Encoder(layers: 3, {|VIT0004:heads: 3|})"),
        Model("Patchify(7, dim: 100)", $"Encoder(layers: 3, heads: {heads})"),
        heads == "2" ? "VIT0004.Nearest" : "VIT0004." + heads); // 2 and 4 are as near 3; the smaller comes first

    [Fact]
    public Task Replace_positional_heads() => CodeFixVerifier<ReplaceHeadsCodeFix>.VerifyAsync(
        Model("Patchify(7, dim: 30)", "Encoder(3, {|VIT0004:7|})"),
        Model("Patchify(7, dim: 30)", "Encoder(3, 6)"),
        "VIT0004.Nearest",
        "Use 6 heads");

    [Theory]
    [InlineData("2")]
    [InlineData("4")]
    [InlineData("7")]
    [InlineData("14")]
    public Task Replace_patch_by_each_valid_size(string patch) => CodeFixVerifier<ReplacePatchCodeFix>.VerifyAsync(
        Model("Patchify({|VIT0003:6|}, dim: 100)", "Encoder(3, 2)"),
        Model($"Patchify({patch}, dim: 100)", "Encoder(3, 2)"),
        patch == "7" ? "VIT0003.Nearest" : "VIT0003." + patch);

    [Fact]
    public Task Insert_missing_class_token() => CodeFixVerifier<InsertLayerCodeFix>.VerifyAsync(
        Model("Patchify(7)", "Encoder(3, 2)", classToken: false).Replace("[ClassifierHead(10)]", "[{|VIT0006:ClassifierHead(10)|}]", StringComparison.Ordinal),
        Model("Patchify(7)", "Encoder(3, 2)"));

    [Fact]
    public Task Insert_flatten_before_a_linear_fed_an_image() => CodeFixVerifier<InsertLayerCodeFix>.VerifyAsync(
        """
        using ViT;

        [Input(1, 28, 28)]
        [Conv2d(16, 5)]
        [MaxPool2d(2)]
        [{|VIT0007:Linear(120)|}]
        [Activation(Activation.ReLU)]
        [Linear(10)]
        public partial class M { }
        """,
        """
        using ViT;

        [Input(1, 28, 28)]
        [Conv2d(16, 5)]
        [MaxPool2d(2)]
        [Flatten]
        [Linear(120)]
        [Activation(Activation.ReLU)]
        [Linear(10)]
        public partial class M { }
        """,
        title: "Insert [Flatten]");

    [Fact]
    public Task Insert_flatten_inside_one_attribute_list() => CodeFixVerifier<InsertLayerCodeFix>.VerifyAsync(
        "using ViT;\n\n[ViT.Input(1, 8, 8), ViT.Conv2d(4, 3), {|VIT0007:ViT.Linear(10)|}]\npublic partial class M { }\n",
        "using ViT;\n\n[ViT.Input(1, 8, 8), ViT.Conv2d(4, 3), ViT.Flatten, ViT.Linear(10)]\npublic partial class M { }\n");

    [Fact]
    public Task No_flatten_for_a_conv_fed_a_vector() => CodeFixVerifier<InsertLayerCodeFix>.VerifyNoFixAsync(
        "using ViT;\n\n[Input(1, 8, 8)]\n[Flatten]\n[{|VIT0007:Conv2d(4, 3)|}]\npublic partial class M { }\n");

    [Theory]
    [InlineData("2")]
    [InlineData("3")]
    public Task Replace_groups_by_each_valid_count(string groups) => CodeFixVerifier<ReplaceGroupsCodeFix>.VerifyAsync(
        "using ViT;\n\n[Input(6, 8, 8)]\n[Conv2d(12, 3, {|VIT0021:Groups = 4|})]\npublic partial class M { }\n",
        $"using ViT;\n\n[Input(6, 8, 8)]\n[Conv2d(12, 3, Groups = {groups})]\npublic partial class M {{ }}\n",
        groups == "3" ? "VIT0021.Nearest" : "VIT0021." + groups);

    [Fact]
    public Task Fix_all_gives_each_model_its_own_nearest_head_count() => CodeFixVerifier<ReplaceHeadsCodeFix>.VerifyAsync(
        """
        using ViT;

        [Input(1, 28, 28), Patchify(7, dim: 100), ClassToken, PositionEmbedding, Encoder(3, {|VIT0004:3|}), ClassifierHead(10)]
        public partial class A;

        [Input(1, 28, 28), Patchify(7, dim: 30), ClassToken, PositionEmbedding, Encoder(3, {|VIT0004:7|}), ClassifierHead(10)]
        public partial class B;
        """,
        """
        using ViT;

        [Input(1, 28, 28), Patchify(7, dim: 100), ClassToken, PositionEmbedding, Encoder(3, 2), ClassifierHead(10)]
        public partial class A;

        [Input(1, 28, 28), Patchify(7, dim: 30), ClassToken, PositionEmbedding, Encoder(3, 6), ClassifierHead(10)]
        public partial class B;
        """,
        "VIT0004.Nearest");

    [Fact]
    public Task Use_the_largest_kernel_that_fits() => CodeFixVerifier<ReplaceWindowCodeFix>.VerifyAsync(
        "using ViT;\n\n[Input(1, 24, 24), MaxPool2d(2), MaxPool2d(2), MaxPool2d(2), Conv2d(8, {|VIT0020:5|}), Flatten, Linear(10)]\npublic partial class M;\n",
        "using ViT;\n\n[Input(1, 24, 24), MaxPool2d(2), MaxPool2d(2), MaxPool2d(2), Conv2d(8, 3), Flatten, Linear(10)]\npublic partial class M;\n",
        "VIT0020.Nearest",
        "Use kernel 3");

    [Fact]
    public Task Use_the_largest_padding_a_pooling_window_allows() => CodeFixVerifier<ReplaceWindowCodeFix>.VerifyAsync(
        "using ViT;\n\n[Input(1, 8, 8), MaxPool2d(2, {|VIT0020:Padding = 2|}), Flatten, Linear(10)]\npublic partial class M;\n",
        "using ViT;\n\n[Input(1, 8, 8), MaxPool2d(2, Padding = 1), Flatten, Linear(10)]\npublic partial class M;\n",
        "VIT0020.Nearest",
        "Use padding 1");

    [Fact]
    public Task A_residual_that_changes_the_shape_becomes_a_layer() => CodeFixVerifier<UseLayerCodeFix>.VerifyAsync(
        "using ViT;\n\n[Input(16, 14, 14), Conv2d(32, 3, stride: 2, padding: 1)] public partial class Down;\n\n[Input(16, 14, 14), Residual({|VIT0023:typeof(Down)|}), Flatten, Linear(10)]\npublic partial class M;\n",
        "using ViT;\n\n[Input(16, 14, 14), Conv2d(32, 3, stride: 2, padding: 1)] public partial class Down;\n\n[Input(16, 14, 14), Layer(typeof(Down)), Flatten, Linear(10)]\npublic partial class M;\n",
        UseLayerCodeFix.EquivalenceKey);

    // The test compiles without the generator, so Net is no Module yet: a method that takes any model stands in for Trainer.Fit.
    const string Training = """
        using ViT;
        using ViT.Data;

        public static class Program
        {
            static void Fit(object model, IImageSource train, IImageSource test) { }

            public static void Run(Mnist mnist) => Fit(new Net(), {|#0:mnist.Train|}, mnist.Test);
        }

        """;

    [Fact]
    public Task Declare_the_datas_image_shape_as_the_models_input() => CodeFixVerifier<ViT.Generators.Analyzers.TrainingDataShapeAnalyzer, ReplaceInModelCodeFix>.VerifyAsync(
        Training.Replace("{|#0:mnist.Train|}", "{|VIT0018:mnist.Train|}", StringComparison.Ordinal) + "[Input(3, 32, 32), Conv2d(6, 5), Flatten, Linear(10)]\npublic partial class Net;\n",
        Training.Replace("{|#0:mnist.Train|}", "mnist.Train", StringComparison.Ordinal) + "[Input(1, 28, 28), Conv2d(6, 5), Flatten, Linear(10)]\npublic partial class Net;\n",
        "VIT0018.FromData",
        "Declare [Input(1, 28, 28)] on Net");

    [Fact]
    public Task Give_the_model_the_datas_class_count() => CodeFixVerifier<ViT.Generators.Analyzers.TrainingDataShapeAnalyzer, ReplaceInModelCodeFix>.VerifyAsync(
        Training.Replace("{|#0:mnist.Train|}", "{|VIT0026:mnist.Train|}", StringComparison.Ordinal) + "[Input(1, 28, 28), Conv2d(6, 5), Flatten, Linear(7)]\npublic partial class Net;\n",
        Training.Replace("{|#0:mnist.Train|}", "mnist.Train", StringComparison.Ordinal) + "[Input(1, 28, 28), Conv2d(6, 5), Flatten, Linear(10)]\npublic partial class Net;\n",
        "VIT0026.FromData",
        "Give Net 10 outputs");
}

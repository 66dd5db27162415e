using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ViT.Generators;

namespace ViT.Generators.Tests;

/// <summary>The pipeline caches: a comment edit regenerates nothing, an argument edit does, and no step holds Roslyn objects.</summary>
public sealed class IncrementalityTests
{
    const string Model = """
        using ViT;

        namespace Samples;

        [Input(1, 28, 28)]
        [Patchify(7, dim: 100)]
        [ClassToken]
        [PositionEmbedding]
        [Encoder(layers: 3, heads: 2)]
        [ClassifierHead(10)]
        public partial class TimmViT
        {
        }
        """;

    static (GeneratorDriverRunResult First, GeneratorDriverRunResult Second) RunTwice(string before, string after)
    {
        var compilation = GeneratorHarness.Compile(before);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        var first = driver.GetRunResult();
        var oldTree = compilation.SyntaxTrees.Single();
        var edited = compilation.ReplaceSyntaxTree(oldTree, CSharpSyntaxTree.ParseText(after, GeneratorHarness.ParseOptions, path: oldTree.FilePath));
        var second = driver.RunGenerators(edited).GetRunResult();
        return (first, second);
    }

    static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorDriverRunResult run, string step) =>
        run.Results.Single().TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason);

    static IEnumerable<IncrementalStepRunReason> OutputReasons(GeneratorDriverRunResult run) =>
        run.Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason);

    [Fact]
    public void Editing_a_comment_leaves_every_output_cached_or_unchanged()
    {
        var (first, second) = RunTwice(Model, Model.Replace("public partial class TimmViT", "// timm's configuration\npublic partial class TimmViT", StringComparison.Ordinal));
        Assert.Single(first.GeneratedTrees);
        Assert.All(Reasons(second, TrackingNames.ModelSpec), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
        Assert.All(Reasons(second, TrackingNames.ModelPlan), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
        Assert.NotEmpty(OutputReasons(second));
        Assert.All(OutputReasons(second), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
    }

    [Fact]
    public void Editing_an_attribute_argument_regenerates()
    {
        var (_, second) = RunTwice(Model, Model.Replace("heads: 2", "heads: 4", StringComparison.Ordinal));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.ModelSpec));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.ModelPlan));
        Assert.Contains(IncrementalStepRunReason.Modified, OutputReasons(second));
        Assert.Contains("reshape(B, 17, 3, 4, 25)", second.GeneratedTrees.Single().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void No_pipeline_step_holds_a_symbol_a_syntax_node_or_a_compilation()
    {
        var (first, second) = RunTwice(Model, Model.Replace("heads: 2", "heads: 5", StringComparison.Ordinal));
        foreach (var run in new[] { first, second })
        {
            var steps = run.Results.Single().TrackedSteps;
            Assert.Contains(TrackingNames.ModelSpec, steps.Keys);
            Assert.Contains(TrackingNames.ModelPlan, steps.Keys);
            foreach (var step in steps.Where(s => s.Key is TrackingNames.ModelSpec or TrackingNames.ModelPlan).SelectMany(s => s.Value))
            {
                foreach (var (value, _) in step.Outputs) AssertNoRoslynObjects(value, step.Name ?? "?", new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }
    }

    static void AssertNoRoslynObjects(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum) return;
        Assert.False(value is ISymbol or SyntaxNode or Compilation or SemanticModel or SyntaxTree or Location, $"{path} holds a {value.GetType().Name}");
        if (!value.GetType().IsValueType && !seen.Add(value)) return;
        if (value is IEnumerable items)
        {
            int i = 0;
            foreach (var item in items) AssertNoRoslynObjects(item, $"{path}[{i++}]", seen);
        }

        for (var type = value.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                AssertNoRoslynObjects(field.GetValue(value), path + "." + field.Name, seen);
            }
        }
    }
}

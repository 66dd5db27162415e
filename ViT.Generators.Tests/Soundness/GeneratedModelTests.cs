using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using TorchSharp;
using ViT.Tests.PyTorch;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// The generated code itself, for random models that the analyzer accepts and that the independent builder ran: the
/// models are generated, compiled and loaded, and each one's state-dict keys must equal the keys the builder named its
/// weights with (PyTorch's <c>nn.Sequential</c> positions, <c>Name</c>, repeats' numbering, inlined layers, timm's
/// names), and its forward on a random batch must give the output shape the builder's run gave. Models with names,
/// repeats, inlined classes and blocks come first.
/// </summary>
[Collection(RandomModelsCollection.Name)]
public sealed class GeneratedModelTests(RandomModelsFixture fixture, ITestOutputHelper output)
{
    /// <summary>How many models are generated and run (compiling them is most of the time).</summary>
    const int Models = 250;

    [Fact]
    public void Generated_models_save_the_state_dict_keys_PyTorch_would_and_give_the_shapes_it_runs()
    {
        var chosen = Chosen(Models);
        var assembly = Compile(chosen.SelectMany(p => p.Group.Reachable()).DistinctBy(c => c.Name).ToList());
        var problems = new List<string>();
        int named = 0;
        foreach (var (group, result) in chosen)
        {
            using var scope = NewDisposeScope();
            random.manual_seed(1);
            var model = (nn.Module<Tensor, Tensor>)Activator.CreateInstance(assembly.GetType("Soundness." + group.Outer.Name)!)!;
            var keys = model.state_dict().Keys.Order(StringComparer.Ordinal).ToList();
            var expected = result.StateKeys.Order(StringComparer.Ordinal).ToList();
            if (!keys.SequenceEqual(expected))
            {
                problems.Add($"{group}\n  generated keys: {string.Join(" ", keys.Except(expected))}\n  PyTorch's: {string.Join(" ", expected.Except(keys))}");
                continue;
            }

            if (Interest(group) > 0) named++;
            using var noGrad = no_grad();
            var input = group.Outer.Layers[0].Arguments.Select(a => (long)(int)a.Value).ToArray();
            string shape;
            try
            {
                var y = model.forward(randn([2, .. input]));
                shape = "[" + string.Join(", ", y.shape.Skip(1)) + "]";
            }
            catch (Exception e) when (e is System.Runtime.InteropServices.ExternalException or ShapeMismatchException)
            {
                problems.Add($"{group}\n  the generated forward throws: {e.Message.Split('\n')[0]}");
                continue;
            }

            if (shape != result.Detail) problems.Add($"{group}\n  the generated forward gives {shape}, PyTorch's {result.Detail}");
        }

        output.WriteLine($"{chosen.Count} generated models loaded and run ({named} with names, repeats, inlined classes or blocks): {chosen.Count - problems.Count} saved PyTorch's state-dict keys and gave its shapes");
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
        Assert.True(chosen.Count >= Models / 2, $"only {chosen.Count} accepted models to generate");
    }

    /// <summary>
    /// The PyTorch twins of random models that the analyzer accepts and the independent builder ran (those with names,
    /// repeats, inlined classes, blocks and transformers first): Debian's PyTorch imports each, loads the generated
    /// model's weights with strict=True and computes the same logits and gradients.
    /// </summary>
    [SkippableFact]
    public void Generated_models_compute_as_their_PyTorch_twins()
    {
        TwinCheck.SkipUnlessAvailable();

        var chosen = Chosen(Twins);
        var assembly = Compile(chosen.SelectMany(p => p.Group.Reachable()).DistinctBy(c => c.Name).ToList());
        string root = Directory.CreateTempSubdirectory("vit-twin-stacks-").FullName;
        try
        {
            var folders = new List<string>();
            foreach (var (group, _) in chosen)
            {
                using var scope = NewDisposeScope();
                random.manual_seed(1);
                var model = (nn.Module<Tensor, Tensor>)Activator.CreateInstance(assembly.GetType("Soundness." + group.Outer.Name)!)!;
                var input = group.Outer.Layers[0].Arguments.Select(a => (long)(int)a.Value).ToArray();
                string folder = Path.Combine(root, group.Outer.Name);
                TwinCheck.WriteCase(folder, model, input);
                folders.Add(folder);
            }

            var results = TwinCheck.Run(folders);
            var sources = chosen.ToDictionary(p => p.Group.Outer.Name, p => p.Group.ToString());
            var failures = results.Where(r => !r.Agrees).Select(r => $"{r}\n{sources[r.Case]}").ToList();
            output.WriteLine($"{results.Count} random models against their twins; largest logit difference {results.Max(r => r.Logits):E2}, largest gradient difference {results.Max(r => r.Gradients):E2}; {failures.Count} disagree");
            Assert.Equal(folders.Count, results.Count);
            Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>How many random models are checked against their twins.</summary>
    const int Twins = 60;

    /// <summary>
    /// A gate of one scale per feature over tokens multiplies every token (the generated forward multiplied [B, N, D] by
    /// [B, D], which torch cannot broadcast: found by the test above).
    /// </summary>
    [Fact]
    public void A_token_gate_scales_every_token_by_its_features_scales()
    {
        const string source = """
            using ViT;
            namespace Soundness;
            [Block, ClassifierHead(In.Dim, Pool = Pooling.Mean), Activation(Activation.Sigmoid), MultiplyInput]
            public partial class TokenGate;
            [Input(5, 8), Layer(typeof(TokenGate))]
            public partial class Gated;
            """;
        using var scope = NewDisposeScope();
        var model = (nn.Module<Tensor, Tensor>)Activator.CreateInstance(Compile([source]).GetType("Soundness.Gated")!)!;
        var x = randn(2, 5, 8);
        var weights = model.state_dict();
        var expected = x * nn.functional.linear(x.mean([1]), weights["0.head.weight"], weights["0.head.bias"]).sigmoid().unsqueeze(1);
        Assert.True(model.forward(x).allclose(expected, rtol: 1e-5, atol: 1e-6));
    }

    /// <summary>How much a group exercises the naming rules: names, repeats, inlined classes, blocks, timm's parts.</summary>
    /// <summary>The first <paramref name="count"/> random models the analyzer accepts and the builder ran, the most interesting first.</summary>
    List<(ModelGroup Group, BuildResult Result)> Chosen(int count) => fixture.Groups.Select((g, i) => (Group: g, Result: fixture.Results[i]))
        .Where(p => Judgement.Of(p.Group, fixture.Verdicts, p.Result).Kind == JudgementKind.AcceptedRan)
        .OrderByDescending(p => Interest(p.Group))
        .Take(count)
        .ToList();

    static int Interest(ModelGroup group)
    {
        var layers = group.Reachable().SelectMany(c => c.Layers).ToList();
        return layers.Count(l => l.Find(-1, "Name") is not null || l.Kind is "Repeat" || l.Find(-1, "Inline") is not null)
            + group.Reachable().Count(c => c.IsBlock)
            + layers.Count(l => l.Kind is "Encoder" or "ClassifierHead" or "DistillationToken" or "RegisterTokens");
    }

    /// <summary>The sources with their generated code, compiled and loaded (TorchSharp and ViT.Runtime are those this process has loaded).</summary>
    static Assembly Compile(IReadOnlyList<ModelClass> classes) => Compile(classes.Select(c => c.ToSource()).ToArray());

    static Assembly Compile(string[] sources)
    {
        var (_, compilation, _) = GeneratorHarness.Run(sources);
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10).ToList();
        Assert.True(emitted.Success, "the generated code does not compile:\n" + string.Join("\n", errors));
        image.Position = 0;
        return new AssemblyLoadContext("GeneratedModels", isCollectible: true).LoadFromStream(image);
    }
}

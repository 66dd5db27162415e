using System.Globalization;
using ViT;

namespace ViT.Generators.Tests.Fuzzing;

/// <summary>
/// Draws fuzz case number <c>index</c> of a seed: one to three models the case is about (most of them built to fit
/// the shapes and then broken by a few mutations, some a soup of random attributes, some the
/// <c>[VisionTransformer]</c> shorthand), the helper models and blocks they compose, a declaration shape for each, sometimes a
/// call that trains a model on MNIST, sometimes a syntax error; or, rarely, a deep chain of models that each use the
/// next several times. The same seed and index always give the same case.
/// </summary>
internal sealed class CaseWriter
{
    /// <summary>At most this many models in a case: up to three it is about, and the helpers they compose.</summary>
    const int MaxModels = 9;

    static readonly string[] OrdinaryNames = { "M", "TinyViT", "Net", "Classifier", "LeNet", "ResNet", "Hybrid", "Mlp2", "Model" };

    static readonly string[] Namespaces = { "Models", "Samples.Vision", "@event", "A.@class.B", "ViT.Models", "TorchSharp.Models", "Modèles", "System.Models" };

    readonly Random random;
    readonly CaseDraft draft = new();
    readonly HashSet<string> names = new(StringComparer.Ordinal);

    CaseWriter(int seed, int index) => random = new Random(unchecked((seed * 1_000_003) + index));

    public static FuzzCase Write(int seed, int index) => new CaseWriter(seed, index).Write(index);

    FuzzCase Write(int index)
    {
        if (random.Next(10) > 2) draft.Namespace = Namespaces[random.Next(Namespaces.Length)];
        draft.FileScoped = random.Next(2) == 0;
        draft.UsingViT = random.Next(40) > 0;
        if (random.Next(100) == 0) DeepChain();
        else Models();

        var files = new SourceRenderer(random).Render(draft);
        if (random.Next(12) == 0)
        {
            int file = random.Next(files.Count);
            files[file] = SyntaxDamage.Apply(random, files[file]);
        }

        return new FuzzCase(index, files);
    }

    void Models()
    {
        int count = random.Next(20) switch { < 16 => 1, < 19 => 2, _ => 3 };
        var mains = new List<ModelDraft>();
        for (int i = 0; i < count; i++)
        {
            string name = Name(random.Next(2) == 0 ? OrdinaryNames[random.Next(OrdinaryNames.Length)] + (i == 0 ? "" : i.ToString(CultureInfo.InvariantCulture)) : DeclarationShapes.HostileNames[random.Next(DeclarationShapes.HostileNames.Length)]);
            var model = new ModelDraft(name);
            draft.Models.Add(model);
            mains.Add(model);
            if (random.Next(2) == 0) DeclarationShapes.Apply(random, model);
        }

        foreach (var model in mains)
        {
            Layers(model);
            var references = draft.Models.Select(m => m.Reference).ToList();
            for (int m = random.Next(10) < 4 ? 0 : random.Next(1, 4); m > 0; m--) AttributeMutator.Mutate(random, model.Layers, references);
            if (random.Next(10) == 0) model.Layers.Insert(random.Next(model.Layers.Count + 1), AttributeCatalog.Random(random, references, "Initialize"));
            if (random.Next(10) == 0) draft.TrainedModels.Add(model.Reference);
        }
    }

    /// <summary>A model's layers: fitted to the shapes (6 in 10), the shorthand (1 in 10), or random attributes.</summary>
    void Layers(ModelDraft model)
    {
        int roll = random.Next(10);
        if (roll < 6)
        {
            var chain = new LayerChain(random, Composer(1), Blocks());
            var input = chain.Input();
            model.Layers.Add(AttributeDraft.Of("Input", input.Select(d => ArgumentDraft.Int(d)).ToArray()));
            model.Layers.AddRange(chain.Build(input, random.Next(1, 9), keepShape: false));
        }
        else if (roll < 7)
        {
            model.Layers.Add(VisionTransformer());
        }
        else
        {
            var references = draft.Models.Select(m => m.Reference).ToList();
            if (random.Next(10) < 7) model.Layers.Add(AttributeCatalog.Random(random, references, "Input"));
            for (int i = random.Next(0, 9); i > 0; i--) model.Layers.Add(AttributeCatalog.Random(random, references));
        }
    }

    AttributeDraft VisionTransformer()
    {
        int side = new[] { 8, 16, 28, 32 }[random.Next(4)];
        int patch = new[] { 2, 4 }[random.Next(2)];
        int heads = random.Next(1, 4);
        var arguments = new List<ArgumentDraft>
        {
            ArgumentDraft.Int(random.Next(1, 4)), ArgumentDraft.Int(side), ArgumentDraft.Int(side), ArgumentDraft.Int(patch),
            ArgumentDraft.Int(heads * 4), ArgumentDraft.Int(random.Next(1, 3)), ArgumentDraft.Int(heads), ArgumentDraft.Int(random.Next(1, 11)),
        };
        if (random.Next(3) == 0) arguments.Add(ArgumentDraft.Enum((AttentionKind)random.Next(3), "Attention"));
        if (random.Next(3) == 0) arguments.Add(ArgumentDraft.Enum((Pooling)random.Next(2), "Pool"));
        return AttributeDraft.Of("VisionTransformer", arguments.ToArray());
    }

    /// <summary>Draws a helper model for a shape (a residual block keeps it) at nesting <paramref name="depth"/>, and returns how to name it.</summary>
    Func<long[], bool, string?> Composer(int depth) => (shape, keepShape) =>
    {
        if (depth > 2 || draft.Models.Count >= MaxModels) return null;
        var helper = new ModelDraft(Name(random.Next(8) == 0 ? DeclarationShapes.HostileNames[random.Next(DeclarationShapes.HostileNames.Length)] : "H" + draft.Models.Count.ToString(CultureInfo.InvariantCulture)));
        draft.Models.Add(helper);
        helper.Layers.Add(AttributeDraft.Of("Input", shape.Select(d => ArgumentDraft.Int(d)).ToArray()));
        helper.Layers.AddRange(new LayerChain(random, Composer(depth + 1), Blocks()).Build(shape, random.Next(1, 4), keepShape));
        return helper.Reference;
    };

    /// <summary>Draws <c>[Block]</c> classes (<see cref="BlockUses"/>) as helpers of the case, while it may have more classes.</summary>
    BlockUses Blocks() => new(random, name =>
    {
        if (draft.Models.Count >= MaxModels) return null;
        var block = new ModelDraft(Name(name));
        draft.Models.Add(block);
        return block;
    });

    /// <summary>Models D0 … Dn, each using the next several times: the number of paths through them grows as fan-out^depth.</summary>
    void DeepChain()
    {
        int depth = random.Next(3, 18), fanOut = random.Next(2, 5); // 17 models nest one too deep
        for (int i = 0; i < depth; i++)
        {
            var model = new ModelDraft(Name("D" + i.ToString(CultureInfo.InvariantCulture)));
            model.Layers.Add(AttributeDraft.Of("Input", ArgumentDraft.Int(4)));
            string next = "D" + (i + 1).ToString(CultureInfo.InvariantCulture);
            for (int k = 0; k < fanOut; k++) model.Layers.Add(i == depth - 1 ? AttributeDraft.Of("Linear", ArgumentDraft.Int(4)) : AttributeDraft.Of(random.Next(2) == 0 ? "Layer" : "Residual", ArgumentDraft.Type(next)));
            draft.Models.Add(model);
        }
    }

    /// <summary><paramref name="wanted"/>, or it with a number when the case already has a model of that name.</summary>
    string Name(string wanted)
    {
        string name = wanted;
        for (int i = 2; !names.Add(name); i++) name = wanted + i.ToString(CultureInfo.InvariantCulture);
        return name;
    }
}

using System.Globalization;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// Builds and runs any model of the layer algebra with plain TorchSharp, following PyTorch's semantics (timm's and
/// torchvision's for their parts) and sharing no code with the generator or shape inference. Each layer receives
/// the batch the one before produced, is made with fresh random weights sized from it (as PyTorch's lazy modules infer
/// their input width), and libtorch decides whether it fits. Every default is stated here again, from PyTorch's and the
/// attributes' documentation. A class used as a layer is built where it is used, as a Python module is constructed
/// with the arguments of that place: its constants take the use's values, its attribute arguments are evaluated with
/// them by <see cref="CSharpConstant"/>, and its layers are named as <c>nn.Sequential</c> names them (or by their
/// <c>Name</c>), so that the state dict it would save is known (<see cref="BuildResult.StateKeys"/>). The builder
/// checks shapes, not numbers. It refuses on its own only what <see cref="FailureKind"/> lists, and records what torch
/// accepts that the algebra refuses by design (<see cref="Observation"/>).
/// </summary>
internal sealed partial class IndependentBuilder
{
    /// <summary>A small batch, more than one sample so that batch statistics exist.</summary>
    const int Batch = 2;

    /// <summary>A tensor larger than this is not made here (a shared 2-core machine): the model is skipped.</summary>
    const long MaxElements = 4_000_000;

    /// <summary>Weights beyond this many in one model are not made here either.</summary>
    const long MaxWeights = 12_000_000;

    /// <summary>Uses of classes beyond this many in one model are not built here (each one is a module of its own).</summary>
    const int MaxUses = 2_000;

    readonly ModelGroup group;
    readonly Stack<Frame> building = new();
    readonly List<string> trail = [];
    readonly List<string> stateKeys = [];
    readonly HashSet<(string Class, string Observation)> observations = [];
    readonly HashSet<string> constructs = [];
    long weights;
    int frames;

    /// <summary>
    /// The leading tokens of the current batch that are not patches (timm's <c>num_prefix_tokens</c>), token 0 first:
    /// their kind and the frame whose layer added them.
    /// </summary>
    readonly List<(PrefixKind Kind, int Frame)> prefix = [];

    // The tensors here are tiny: a second thread only costs (on a shared machine, tenfold), so libtorch gets one.
    static IndependentBuilder() => set_num_threads(1);

    IndependentBuilder(ModelGroup group) => this.group = group;

    /// <summary>
    /// Builds and runs every group, on all cores: each group is independent (its own dispose scope, weights and state),
    /// and most of the time goes to libtorch's errors, whose messages carry a symbolized C++ backtrace (about 10 ms each).
    /// </summary>
    public static BuildResult[] BuildAndRun(IReadOnlyList<ModelGroup> groups)
    {
        var results = new BuildResult[groups.Count];
        Parallel.For(0, groups.Count, i => results[i] = BuildAndRun(groups[i]));
        return results;
    }

    public static BuildResult BuildAndRun(ModelGroup group)
    {
        var builder = new IndependentBuilder(group);
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            random.manual_seed(1); // weights' values never decide an outcome; the seed only makes one group's run repeatable
            var output = builder.RunModel(group.Outer);
            return builder.Result(BuildOutcome.Ran, null, Format(output));
        }
        catch (TooLargeToRun e)
        {
            return builder.Result(BuildOutcome.Skipped, null, e.Message);
        }
        catch (BuildFailure e)
        {
            return builder.Result(BuildOutcome.Failed, e.Kind, e.Message);
        }
        catch (ExternalException e)
        {
            return builder.Result(BuildOutcome.Failed, FailureKind.Torch, e.Message.Split('\n')[0]);
        }
    }

    BuildResult Result(BuildOutcome outcome, FailureKind? failure, string detail) =>
        new(outcome, failure, detail, trail, stateKeys, observations, constructs);

    /// <summary>The model under test on a random batch of its declared input, its constants at their declared values.</summary>
    Tensor RunModel(ModelClass outer)
    {
        if (outer.IsBlock || outer.Layers.Count == 0 || outer.Layers[0].Kind != "Input") throw new BuildFailure(FailureKind.Declaration, $"{outer.Name} does not start with [Input]: no input shape");
        long[] dims = Declared(outer, Scope.Declared(outer));
        Budget(dims.Aggregate((double)Batch, (a, d) => a * Math.Abs(d)), "the input");
        return Run(outer, randn([Batch, .. dims]), [], null, "", "");
    }

    /// <summary>
    /// Runs <paramref name="model"/> on <paramref name="x"/> where it is used, as its module would be constructed there:
    /// its constants take <paramref name="values"/> (by position or name, over the declared ones), a block receives
    /// whatever arrives, a model checks it against its <c>[Input]</c> (its forward's guard). Its weights are named under
    /// <paramref name="statePrefix"/>; <paramref name="inlineInto"/> makes its layers those of that class instead.
    /// </summary>
    Tensor Run(ModelClass model, Tensor x, IReadOnlyList<IReadOnlyList<(string? Name, object Value)>> values, Frame? inlineInto, string statePrefix, string path)
    {
        if (building.Any(f => f.Class.Name == model.Name))
        {
            string cycle = string.Join(" → ", building.Reverse().Select(f => f.Class.Name).SkipWhile(n => n != model.Name).Append(model.Name));
            throw new BuildFailure(FailureKind.Cycle, $"{cycle}: a model that contains itself cannot be constructed");
        }

        if (++frames > MaxUses) throw new TooLargeToRun($"more than {MaxUses:N0} uses of classes");
        var constants = Bind(model, values);
        var declared = Scope.Declared(model) with { Constants = constants };
        long[]? guard = null;
        if (!model.IsBlock)
        {
            if (model.Layers.Count == 0 || model.Layers[0].Kind != "Input") throw new BuildFailure(FailureKind.Declaration, $"{model.Name} is neither a [Block] nor starts with [Input]");
            guard = Declared(model, declared);
            if (!guard.SequenceEqual(Dims(x))) throw new BuildFailure(FailureKind.Guard, $"{model.Name} is declared for [{string.Join(", ", guard)}] but receives {Format(x)}");
        }

        var scope = declared with { Input = guard ?? Dims(x) };
        var frame = inlineInto is null
            ? new Frame(model, scope, x, statePrefix, path, frames, [])
            : new Frame(model, scope, x, inlineInto.Prefix, path, frames, inlineInto.Taken) { Position = inlineInto.Position };
        building.Push(frame);
        var layers = Resolve(frame);
        if (!model.IsBlock && layers.Count == 1) Observe(model, Observation.OnlyInput);
        if (x.numel() == 0) Observe(model, Observation.Degenerate);
        for (int i = 0; i < layers.Count; i++)
        {
            var (layer, name) = layers[i];
            var before = x;
            string at = path + frame.Steps.ToString(CultureInfo.InvariantCulture);
            frame.PositionsTaken = null;
            if (i > 0 || model.IsBlock) x = Apply(frame, layer, name, i + 1 < layers.Count ? layers[i + 1].Layer : null, x, at + "/"); // a model's [Input] is its guard
            CountPrefix(frame, layer, before, x);
            if (x.numel() == 0) Observe(model, Observation.Degenerate);
            Budget(x.numel(), $"the output of {layer}");
            trail.Add(at + " " + Format(x));
            frame.Steps++;
            frame.EarlierKinds.Add(layer.Kind);
            frame.Previous = layer;
            frame.Position += frame.PositionsTaken ?? (layer.Kind == "Input" ? 0 : 1); // [Input] is no module of the Sequential
        }

        if (inlineInto is not null) inlineInto.PositionsTaken = frame.Position - inlineInto.Position;
        building.Pop();
        return x;
    }

    /// <summary>
    /// The class's layers as this use makes them: every argument evaluated with the frame's values, the layers whose
    /// <c>When</c> is false left out (as a Python <c>if</c> around <c>layers.append</c>), each with its <c>Name</c>.
    /// </summary>
    List<(Layer Layer, string? Name)> Resolve(Frame frame)
    {
        var layers = new List<(Layer, string?)>();
        foreach (var written in frame.Class.Layers)
        {
            var layer = written with { Arguments = written.Arguments.Select(a => a.Value is Code code ? a with { Value = CSharpConstant.Evaluate(code.Text, frame.Scope) } : a).ToList() };
            if (layer.Find(-1, "When")?.Value is { } when)
            {
                constructs.Add(Construct.When);
                if (when is not bool present) throw new BuildFailure(FailureKind.Arguments, $"{written}: When is {when}, not a bool");
                if (!present) continue;
            }

            string? name = layer.Find(-1, "Name")?.Value switch
            {
                null => null,
                string text => text,
                var other => throw new BuildFailure(FailureKind.Arguments, $"{written}: Name is {other}, not text"),
            };
            if (name is not null) CheckName(frame.Class, name);
            layers.Add((layer with { Arguments = layer.Arguments.Where(a => a.Name is not ("When" or "Name")).ToList() }, name));
        }

        return layers;
    }

    Tensor Apply(Frame frame, Layer layer, string? name, Layer? next, Tensor x, string path) => layer.Kind switch
    {
        "Input" => SecondInput(frame, layer, x),
        "Conv2d" => Conv2d(frame, layer, name, Image(x, layer)),
        "MaxPool2d" => Pool(layer, Image(x, layer), max: true),
        "AvgPool2d" => Pool(layer, Image(x, layer), max: false),
        "AdaptiveAvgPool2d" => AdaptiveAvgPool2d(frame, layer, Image(x, layer)),
        "BatchNorm2d" => BatchNorm2d(frame, layer, name, Image(x, layer)),
        "GlobalAveragePool" => Image(x, layer).mean([2, 3]),
        "Flatten" => x.flatten(1),
        "Linear" => Linear(frame, layer, name, x),
        "LayerNorm" => LayerNorm(frame, layer, name, x),
        "LayerScale" => LayerScale(frame, layer, name, x),
        "Activation" => Activate(Option<ViT.Activation>(layer, 0, "function"), x),
        "Dropout" => Dropout(frame, Real(layer, 0, "rate"), x),
        "Patchify" => Patchify(frame, layer, name, Image(x, layer)),
        "ClassToken" => LearnedTokens(frame, name, PrefixKind.ClassToken, 1, Tokens(x, layer)),
        "DistillationToken" => LearnedTokens(frame, name, PrefixKind.DistillationToken, 1, Tokens(x, layer)),
        "RegisterTokens" => LearnedTokens(frame, name, PrefixKind.RegisterToken, Int(layer, 0, "count"), Tokens(x, layer)),
        "PositionEmbedding" => PositionEmbedding(frame, layer, name, Tokens(x, layer)),
        "Encoder" => Encoder(frame, layer, name, next, Tokens(x, layer)),
        "ClassifierHead" => ClassifierHead(frame, layer, name, Tokens(x, layer)),
        "Layer" => Composed(frame, layer, name, x, path, residual: false),
        "Residual" => Composed(frame, layer, name, x, path, residual: true),
        "Repeat" => Repeat(frame, layer, name, x, path),
        "AddInput" => AddInput(frame, layer, name, x, path),
        "MultiplyInput" => MultiplyInput(frame, x),
        "ConcatInput" => ConcatInput(frame, x),
        _ => throw new BuildFailure(FailureKind.Declaration, $"[{layer.Kind}] is not a layer"),
    };

    Tensor SecondInput(Frame frame, Layer input, Tensor x)
    {
        long[] declared = Declared(frame.Class with { Layers = [input] }, frame.Scope);
        if (!declared.SequenceEqual(Dims(x))) throw new BuildFailure(FailureKind.Guard, $"{frame.Class.Name}'s second [Input] is [{string.Join(", ", declared)}] but receives {Format(x)}");
        Observe(frame.Class, Observation.SecondInput);
        return x;
    }

    /// <summary>A random parameter of <paramref name="shape"/> saved under <paramref name="key"/>; torch refuses a negative size, a zero one is noted.</summary>
    Tensor Weight(Frame frame, string key, params long[] shape)
    {
        if (shape.Contains(0)) Observe(frame.Class, Observation.Degenerate);
        weights += (long)Math.Min(shape.Aggregate(1.0, (a, d) => a * Math.Abs(d)), MaxWeights + 1.0);
        if (weights > MaxWeights) throw new TooLargeToRun($"more than {MaxWeights:N0} weights");
        stateKeys.Add(key);
        return randn(shape);
    }

    /// <summary>
    /// Takes <paramref name="child"/> at the frame's state-dict level for a layer's weights and returns the prefix of
    /// their keys. A module holds one child of each name (<c>add_module</c> replaces an older one, and a state dict holds
    /// one tensor per key), so a name taken twice is no model that PyTorch can build or load.
    /// </summary>
    string Child(Frame frame, string child)
    {
        if (!frame.Taken.Add(child)) throw new BuildFailure(FailureKind.Names, $"{frame.Class.Name}: two layers with weights are both named {child}; a module holds one child of a name");
        return frame.Prefix + child;
    }

    /// <summary>
    /// A layer's name: PyTorch's <c>add_module</c> refuses an empty one and one with a dot (a dot separates the levels of
    /// a state-dict key); any other text it takes, including what the algebra refuses (noted).
    /// </summary>
    void CheckName(ModelClass model, string name)
    {
        constructs.Add(Construct.Name);
        if (name.Length == 0 || name.Contains('.', StringComparison.Ordinal)) throw new BuildFailure(FailureKind.Names, $"Name = \"{name}\": PyTorch's add_module refuses an empty name and one with a dot");
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')) Observe(model, Observation.UnusualName);
    }

    /// <summary>The layer's name: its <c>Name</c>, else its position, as <c>nn.Sequential</c> names its children.</summary>
    static string Positional(Frame frame, string? name) => name ?? frame.Position.ToString(CultureInfo.InvariantCulture);

    static void Budget(double elements, string what)
    {
        if (elements > MaxElements) throw new TooLargeToRun($"{what} would have about {elements:G3} elements");
    }

    void Observe(ModelClass model, string observation) => observations.Add((model.Name, observation));

    static Tensor Image(Tensor x, Layer layer) => x.dim() == 4 ? x
        : throw new BuildFailure(FailureKind.Rank, $"{layer} takes a batch of images [B, C, H, W] but receives {Format(x)} (PyTorch's unbatched 3-D form would take the batch for channels)");

    static Tensor Tokens(Tensor x, Layer layer) => x.dim() == 3 ? x
        : throw new BuildFailure(FailureKind.Rank, $"{layer} takes a batch of tokens [B, N, D] but receives {Format(x)}");

    /// <summary>The shape a model's <c>[Input]</c> declares, its arguments evaluated with the model's constants.</summary>
    static long[] Declared(ModelClass model, Scope scope)
    {
        var input = model.Layers[0];
        var dims = input.Arguments.Select(a => a.Value is Code code ? CSharpConstant.Evaluate(code.Text, scope) : a.Value).ToList();
        return dims.Count is >= 1 and <= 3 && dims.All(d => d is int) && input.Arguments.All(a => a.Name is null)
            ? dims.Select(d => (long)(int)d).ToArray()
            : throw new BuildFailure(FailureKind.Declaration, $"{input} declares no shape");
    }

    static long[] Dims(Tensor x) => x.shape[1..];

    static string Format(Tensor x) => "[" + string.Join(", ", x.shape.Skip(1)) + "]";

    static int Int(Layer layer, int position, string name, int? fallback = null) => layer.Find(position, name)?.Value switch
    {
        int value => value,
        null when fallback is int value => value,
        var other => throw new BuildFailure(FailureKind.Declaration, $"{layer}: {name} is {other ?? "missing"}, not an integer"),
    };

    static double Real(Layer layer, int position, string name, double? fallback = null) => layer.Find(position, name)?.Value switch
    {
        double value => value,
        float value => value,
        int value => value,
        null when fallback is double value => value,
        var other => throw new BuildFailure(FailureKind.Declaration, $"{layer}: {name} is {other ?? "missing"}, not a number"),
    };

    static bool Flag(Layer layer, string name, bool fallback) => layer.Find(-1, name)?.Value switch
    {
        bool value => value,
        null => fallback,
        var other => throw new BuildFailure(FailureKind.Declaration, $"{layer}: {name} is {other}, not a bool"),
    };

    static string? Text(Layer layer, int position, string name) => layer.Find(position, name)?.Value switch
    {
        string value => value,
        null => null,
        var other => throw new BuildFailure(FailureKind.Declaration, $"{layer}: {name} is {other}, not text"),
    };

    /// <summary>A required enum argument; an undefined value names no module (as timm refuses an unknown option name).</summary>
    static T Option<T>(Layer layer, int position, string name)
        where T : struct, Enum => Option<T>(layer, position, name, null);

    /// <summary>An enum option with its default.</summary>
    static T Option<T>(Layer layer, int position, string name, T fallback)
        where T : struct, Enum => Option<T>(layer, position, name, (T?)fallback);

    static T Option<T>(Layer layer, int position, string name, T? fallback)
        where T : struct, Enum => layer.Find(position, name)?.Value switch
        {
            T value when Enum.IsDefined(value) => value,
            T value => throw new BuildFailure(FailureKind.Unbuildable, $"{layer}: {name} = {Convert.ToInt32(value, CultureInfo.InvariantCulture)} is no {typeof(T).Name}"),
            null when fallback is T value => value,
            var other => throw new BuildFailure(FailureKind.Declaration, $"{layer}: {name} is {other?.ToString() ?? "missing"}, not a {typeof(T).Name}"),
        };
}

using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// Builds and runs any stack of the layer algebra with plain TorchSharp, following PyTorch's semantics (timm's and
/// the tutorial's for the ViT parts) and sharing no code with the generator or shape inference. Each layer receives
/// the batch the one before produced, is made with fresh random weights sized from it (as PyTorch's lazy modules infer
/// their input width), and libtorch decides whether it fits. Every default is stated here again, from PyTorch's and the
/// attributes' documentation. The builder checks shapes, not numbers: norms that only rescale (timm's <c>fc_norm</c>)
/// are left out. It refuses on its own only what <see cref="FailureKind"/> lists, and records what torch accepts
/// that the algebra refuses by design (<see cref="Observation"/>).
/// </summary>
internal sealed partial class IndependentBuilder
{
    /// <summary>A small batch, more than one sample so that batch statistics exist.</summary>
    const int Batch = 2;

    /// <summary>A tensor larger than this is not made here (a shared 2-core machine): the model is skipped.</summary>
    const long MaxElements = 4_000_000;

    /// <summary>Weights beyond this many in one model are not made here either.</summary>
    const long MaxWeights = 12_000_000;

    readonly ModelGroup group;
    readonly Stack<string> building = new();
    readonly Dictionary<string, IReadOnlyList<long[]>> trails = [];
    readonly HashSet<(string Class, string Observation)> observations = [];
    long weights;

    /// <summary>
    /// The leading class tokens of the current batch (timm's <c>num_prefix_tokens</c>), each named by the model whose
    /// <c>[ClassToken]</c> prepended it, token 0 first.
    /// </summary>
    readonly List<string> classTokens = [];

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
            var output = builder.Model(group.Outer, builder.Input(group.Outer));
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
        new(outcome, failure, detail, trails, observations);

    /// <summary>A random batch of the outer model's declared input.</summary>
    Tensor Input(ModelClass outer)
    {
        if (outer.Layers.Count == 0 || outer.Layers[0].Kind != "Input") throw new BuildFailure(FailureKind.Declaration, $"{outer.Name} does not start with [Input]: no input shape");
        long[] dims = Declared(outer.Layers[0]);
        Budget(dims.Aggregate((double)Batch, (a, d) => a * Math.Abs(d)), "the input");
        return randn([Batch, .. dims]);
    }

    /// <summary>Runs <paramref name="model"/>'s layers on <paramref name="x"/> after its input guard, as its generated forward does.</summary>
    Tensor Model(ModelClass model, Tensor x)
    {
        if (building.Contains(model.Name))
        {
            string cycle = string.Join(" → ", building.Reverse().SkipWhile(n => n != model.Name).Append(model.Name));
            throw new BuildFailure(FailureKind.Cycle, $"{cycle}: a model that contains itself cannot be constructed");
        }

        if (model.Layers.Count == 0 || model.Layers[0].Kind != "Input") throw new BuildFailure(FailureKind.Declaration, $"{model.Name} does not start with [Input]");
        building.Push(model.Name);
        Guard(model, model.Layers[0], x);
        if (model.Layers.Count == 1) Observe(model, Observation.OnlyInput);
        if (x.numel() == 0) Observe(model, Observation.Degenerate);
        var trail = new List<long[]> { Dims(x) };
        foreach (var layer in model.Layers.Skip(1))
        {
            var before = x;
            x = Apply(model, layer, x);
            CountClassTokens(layer, before, x);
            if (x.numel() == 0) Observe(model, Observation.Degenerate);
            Budget(x.numel(), $"the output of {layer}");
            trail.Add(Dims(x));
        }

        trails.TryAdd(model.Name, trail);
        building.Pop();
        return x;
    }

    Tensor Apply(ModelClass model, Layer layer, Tensor x) => layer.Kind switch
    {
        "Input" => SecondInput(model, layer, x),
        "Conv2d" => Conv2d(model, layer, Image(x, layer)),
        "MaxPool2d" => Pool(layer, Image(x, layer), max: true),
        "AvgPool2d" => Pool(layer, Image(x, layer), max: false),
        "BatchNorm2d" => BatchNorm2d(model, layer, Image(x, layer)),
        "GlobalAveragePool" => Image(x, layer).mean([2, 3]),
        "Flatten" => x.flatten(1),
        "Linear" => Linear(model, layer, x),
        "LayerNorm" => LayerNorm(model, layer, x),
        "Activation" => Activate(Option<Activation>(layer, 0, "function"), x),
        "Dropout" => Dropout(model, Real(layer, 0, "rate"), x),
        "Patchify" => Patchify(model, layer, Image(x, layer)),
        "ClassToken" => ClassToken(model, Tokens(x, layer)),
        "PositionEmbedding" => Dropout(model, Real(layer, -1, "Dropout", 0), Tokens(x, layer) + Weight(model, 1, x.shape[1], x.shape[2])),
        "Encoder" => Encoder(model, layer, Tokens(x, layer)),
        "ClassifierHead" => ClassifierHead(model, layer, Tokens(x, layer)),
        "Layer" => Composed(model, layer, x, residual: false),
        "Residual" => Composed(model, layer, x, residual: true),
        _ => throw new BuildFailure(FailureKind.Declaration, $"[{layer.Kind}] is not a layer"),
    };

    /// <summary>The declared input must equal what arrives (the generated forward's guard), without the batch.</summary>
    void Guard(ModelClass model, Layer input, Tensor x)
    {
        long[] declared = Declared(input);
        if (!declared.SequenceEqual(Dims(x))) throw new BuildFailure(FailureKind.Guard, $"{model.Name} is declared for [{string.Join(", ", declared)}] but receives {Format(x)}");
    }

    Tensor SecondInput(ModelClass model, Layer input, Tensor x)
    {
        Guard(model, input, x);
        Observe(model, Observation.SecondInput);
        return x;
    }

    /// <summary><c>[Layer(typeof(M))]</c> runs M; <c>[Residual(typeof(M))]</c> adds M's output to its input, broadcasting as torch does.</summary>
    Tensor Composed(ModelClass model, Layer layer, Tensor x, bool residual)
    {
        if (layer.Find(0, residual ? "block" : "model")?.Value is not ModelName name || group.Find(name.Name) is not { } inner)
        {
            throw new BuildFailure(FailureKind.Declaration, $"{layer} names no model of this group");
        }

        var y = Model(inner, x);
        if (!residual) return y;
        var sum = x + y;
        if (!Dims(y).SequenceEqual(Dims(x))) Observe(model, Observation.ResidualBroadcast);
        return sum;
    }

    Tensor Conv2d(ModelClass model, Layer layer, Tensor x)
    {
        int channels = Int(layer, 0, "channels"), kernel = Int(layer, 1, "kernel"), stride = Int(layer, 2, "stride", 1), padding = Int(layer, 3, "padding", 0);
        int groups = Int(layer, -1, "Groups", 1), dilation = Int(layer, -1, "Dilation", 1);
        if (kernel == 0) throw new BuildFailure(FailureKind.Unbuildable, "a 0x0 convolution kernel: libtorch's oneDNN convolution aborts the process on it");
        Budget((double)Batch * Math.Abs(channels) * Padded(x, 2, padding) * Padded(x, 3, padding), $"the output of {layer}");
        var weight = Weight(model, channels, groups > 0 ? x.shape[1] / groups : x.shape[1], kernel, kernel); // PyTorch's [out, in/groups, k, k]
        var bias = Flag(layer, "Bias", true) ? Weight(model, channels) : null;
        return conv2d(x, weight, bias, [stride, stride], [padding, padding], [dilation, dilation], groups);
    }

    /// <summary><c>nn.MaxPool2d</c> and <c>nn.AvgPool2d</c>: stride defaults to the kernel; padding counts as zeros in the average.</summary>
    Tensor Pool(Layer layer, Tensor x, bool max)
    {
        int kernel = Int(layer, 0, "kernel"), stride = Int(layer, 1, "stride", kernel), padding = Int(layer, -1, "Padding", 0);
        Budget((double)Batch * x.shape[1] * Padded(x, 2, padding) * Padded(x, 3, padding), $"the output of {layer}");
        return max ? max_pool2d(x, [kernel, kernel], [stride, stride], [padding, padding]) : avg_pool2d(x, [kernel, kernel], [stride, stride], [padding, padding]);
    }

    /// <summary><c>nn.BatchNorm2d</c> while training: batch statistics, running statistics updated with the momentum.</summary>
    Tensor BatchNorm2d(ModelClass model, Layer layer, Tensor x)
    {
        double epsilon = Real(layer, -1, "Epsilon", 1e-5), momentum = Real(layer, -1, "Momentum", 0.1);
        if (!(epsilon > 0 && epsilon <= 1) || !(momentum > 0 && momentum <= 1)) Observe(model, Observation.RateOutOfRange);
        long c = x.shape[1];
        return batch_norm(x, zeros(c), ones(c), Weight(model, c), Weight(model, c), training: true, momentum: momentum, eps: epsilon);
    }

    /// <summary><c>nn.Linear</c> on the last axis, as PyTorch applies it to any <c>(*, in)</c>.</summary>
    Tensor Linear(ModelClass model, Layer layer, Tensor x)
    {
        int features = Int(layer, 0, "features");
        if (x.dim() == 4) Observe(model, Observation.DenseOnImage);
        Budget((double)x.numel() / Math.Max(x.shape[^1], 1) * Math.Abs(features), $"the output of {layer}");
        return linear(x, Weight(model, features, x.shape[^1]), Flag(layer, "Bias", true) ? Weight(model, features) : null);
    }

    /// <summary><c>nn.LayerNorm</c> over the last axis; on an image over the channels of each pixel (torchvision's <c>LayerNorm2d</c>).</summary>
    Tensor LayerNorm(ModelClass model, Layer layer, Tensor x)
    {
        double epsilon = Real(layer, -1, "Epsilon", 1e-5);
        if (!(epsilon > 0 && epsilon <= 1)) Observe(model, Observation.RateOutOfRange);
        return x.dim() == 4 ? Norm(model, x.permute(0, 2, 3, 1), epsilon).permute(0, 3, 1, 2) : Norm(model, x, epsilon);
    }

    Tensor Norm(ModelClass model, Tensor x, double epsilon) => layer_norm(x, [x.shape[^1]], Weight(model, x.shape[^1]), Weight(model, x.shape[^1]), epsilon);

    /// <summary>PyTorch's defaults: exact GELU, negative slope 0.01, alpha 1.</summary>
    static Tensor Activate(Activation function, Tensor x) => function switch
    {
        Activation.GELU => gelu(x),
        Activation.ReLU => relu(x),
        Activation.SiLU => silu(x),
        Activation.Tanh => x.tanh(),
        Activation.Sigmoid => x.sigmoid(),
        Activation.LeakyReLU => leaky_relu(x, 0.01),
        Activation.ELU => elu(x, 1.0),
        Activation.ReLU6 => x.clamp(0, 6),
        Activation.Hardswish => x * (x + 3).clamp(0, 6) / 6,
        Activation.Hardsigmoid => (x + 3).clamp(0, 6) / 6,
        Activation.GELUTanh => 0.5 * x * (1 + (Math.Sqrt(2 / Math.PI) * (x + (0.044715 * x.pow(3)))).tanh()),
        _ => throw new BuildFailure(FailureKind.Unbuildable, $"(Activation){(int)function} is no activation function"),
    };

    /// <summary><c>nn.Dropout</c> while training; torch itself refuses a rate outside [0, 1].</summary>
    Tensor Dropout(ModelClass model, double rate, Tensor x)
    {
        if (rate == 1) Observe(model, Observation.RateOutOfRange);
        return dropout(x, rate, training: true);
    }

    /// <summary>A random parameter of <paramref name="shape"/>; torch refuses a negative size, a zero one is noted.</summary>
    Tensor Weight(ModelClass model, params long[] shape)
    {
        if (shape.Contains(0)) Observe(model, Observation.Degenerate);
        weights += (long)Math.Min(shape.Aggregate(1.0, (a, d) => a * Math.Abs(d)), MaxWeights + 1.0);
        if (weights > MaxWeights) throw new TooLargeToRun($"more than {MaxWeights:N0} weights");
        return randn(shape);
    }

    static void Budget(double elements, string what)
    {
        if (elements > MaxElements) throw new TooLargeToRun($"{what} would have about {elements:G3} elements");
    }

    static double Padded(Tensor x, int axis, int padding) => x.shape[axis] + (2.0 * Math.Abs(padding));

    void Observe(ModelClass model, string observation) => observations.Add((model.Name, observation));

    /// <summary>
    /// timm's prefix tokens, followed as the data flows: a class token adds one; a layer that changes the token count
    /// or the rank (or patchifies) drops them; a composed model has counted its own layers already.
    /// </summary>
    void CountClassTokens(Layer layer, Tensor before, Tensor after)
    {
        if (layer.Kind == "ClassToken") classTokens.Insert(0, building.Peek());
        else if (layer.Kind is "Layer" or "Residual") return;
        else if (layer.Kind == "Patchify" || before.dim() != 3 || after.dim() != 3 || before.shape[1] != after.shape[1]) classTokens.Clear();
    }

    static Tensor Image(Tensor x, Layer layer) => x.dim() == 4 ? x
        : throw new BuildFailure(FailureKind.Rank, $"{layer} takes a batch of images [B, C, H, W] but receives {Format(x)} (PyTorch's unbatched 3-D form would take the batch for channels)");

    static Tensor Tokens(Tensor x, Layer layer) => x.dim() == 3 ? x
        : throw new BuildFailure(FailureKind.Rank, $"{layer} takes a batch of tokens [B, N, D] but receives {Format(x)}");

    static long[] Declared(Layer input)
    {
        var dims = input.Arguments.Select(a => a.Value).OfType<int>().Select(d => (long)d).ToArray();
        return dims.Length is >= 1 and <= 3 && dims.Length == input.Arguments.Count ? dims : throw new BuildFailure(FailureKind.Declaration, $"{input} declares no shape");
    }

    static long[] Dims(Tensor x) => x.shape[1..];

    static string Format(Tensor x) => "[" + string.Join(", ", x.shape) + "]";

    static int Int(Layer layer, int position, string name, int? fallback = null) => layer.Find(position, name)?.Value switch
    {
        int value => value,
        null when fallback is int value => value,
        var other => throw new BuildFailure(FailureKind.Declaration, $"{layer}: {name} is {other ?? "missing"}, not an integer"),
    };

    static double Real(Layer layer, int position, string name, double? fallback = null) => layer.Find(position, name)?.Value switch
    {
        double value => value,
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
            T value => throw new BuildFailure(FailureKind.Unbuildable, $"{layer}: {name} = {Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)} is no {typeof(T).Name}"),
            null when fallback is T value => value,
            var other => throw new BuildFailure(FailureKind.Declaration, $"{layer}: {name} is {other?.ToString() ?? "missing"}, not a {typeof(T).Name}"),
        };
}

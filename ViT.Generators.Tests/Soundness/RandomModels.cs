namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// Seeded random model groups that mix every layer kind on images, tokens and vectors, with tiny sizes so that each
/// runs in milliseconds. The generator follows the shapes roughly so that many models are valid, and breaks them on
/// purpose: wild sizes (zero, negative, too large), layers fed the wrong rank, repeated, swapped and removed layers,
/// and composition with generated inner models (residual blocks that keep, change or broadcast the shape, inner
/// models declared for the wrong input, reused models, and cycles), and blocks (<see cref="NewBlock"/>) used at several
/// places with their own values, repeated, inlined, with names and conditions. It decides nothing: the analyzer and the
/// builder judge every model.
/// </summary>
internal sealed partial class RandomModels
{
    static readonly string[] AnyKind =
    [
        "Conv2d", "MaxPool2d", "AvgPool2d", "BatchNorm2d", "GlobalAveragePool", "Flatten", "Linear", "LayerNorm",
        "Activation", "Dropout", "Patchify", "ClassToken", "PositionEmbedding", "Encoder", "ClassifierHead",
        "AdaptiveAvgPool2d", "LayerScale", "DistillationToken", "RegisterTokens", "AddInput", "MultiplyInput", "ConcatInput",
    ];

    static readonly double[] Ratios = [2.0, 1.0, 0.5, 1.5, 0.25, 0.3, 2.5];

    readonly Random r;
    readonly string prefix;
    readonly List<ModelClass> inner = [];
    readonly Stack<string> open = new();

    /// <summary>The class being drawn: the input it declares and its constants, which the values of its uses may name.</summary>
    (long[]? Input, IReadOnlyList<Constant> Constants) user = (null, []);

    RandomModels(Random random, string prefix) => (r, this.prefix) = (random, prefix);

    public static List<ModelGroup> Generate(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => new RandomModels(random, "R" + i).Group()).ToList();
    }

    ModelGroup Group()
    {
        var outer = Model(prefix, RandomInput(), depth: 0, keepShape: false, out _);
        return new ModelGroup([outer, .. inner]);
    }

    /// <summary>A model on <paramref name="input"/>; <paramref name="output"/> is its output shape as far as the generator followed it (null when lost).</summary>
    ModelClass Model(string name, long[] input, int depth, bool keepShape, out long[]? output)
    {
        open.Push(name);
        var outerUser = user;
        Constant[] constants = Chance(depth == 0 ? 0.25 : 0.1) ? [new("Width", r.Next(2, 9)), .. Chance(0.3) ? new[] { new Constant("Classes", r.Next(-1, 6)) } : []] : [];
        user = (input, constants);
        var layers = new List<Layer> { L("Input", [.. input.Select(d => Pos(d))]) };
        long[]? shape = input.All(d => d > 0) ? input : null;
        int count = depth == 0 ? r.Next(1, 9) : r.Next(1, 4);
        for (int i = 0; i < count; i++)
        {
            if (shape is { Length: 2 } && !keepShape && Chance(0.2))
            {
                var (tail, after) = TransformerTail(shape);
                layers.AddRange(tail.Select(l => Decorate(l, constants)));
                shape = after;
                continue;
            }

            var (layer, next) = shape is null || Chance(0.07) ? AnyLayer(depth) : keepShape ? Keeping(shape, depth) : Fitting(shape, depth);
            if (Chance(0.06)) (layer, next) = (Wild(layer), null);
            layers.Add(Decorate(layer, constants));
            shape = next;
        }

        if (keepShape && Chance(0.1) && shape is not null) layers.Add(Broadcasting(shape)); // x + block(x) that torch broadcasts
        if (constants.Any(c => c.Name == "Classes") && shape is { Length: 1 }) layers.Add(L("Linear", Pos(C("Classes")), Named("When", C("Classes > 0"))));
        Edit(layers);
        open.Pop();
        user = outerUser;
        output = shape;
        return new ModelClass(name, layers) { Constants = constants };
    }

    /// <summary>
    /// A layer as a class with constants may write it: an integer argument equal to a constant written as the constant;
    /// now and then a <c>Name</c> (plain, or one that PyTorch or the algebra refuses, or another layer's) or a <c>When</c>.
    /// </summary>
    Layer Decorate(Layer layer, IReadOnlyList<Constant> constants)
    {
        var arguments = layer.Arguments.Select(a => a.Value is int v && constants.FirstOrDefault(c => Equals(c.Value, v)) is { } constant && Chance(0.5) ? a with { Value = C(constant.Name) } : a);
        layer = layer with { Arguments = arguments.ToList() };
        if (layer.Find(-1, "Name") is null && Chance(0.05)) layer = layer.With(Named("Name", Chance(0.7) ? new[] { "conv1", "fc", "norm", "stem", "head2", "proj", "x-1" }[r.Next(7)] : BadName()));
        if (Chance(0.04))
        {
            bool keeps = layer.Kind is "Activation" or "Dropout" or "BatchNorm2d" or "LayerNorm" or "LayerScale";
            object when = constants.Count > 0 && Chance(0.5) ? C(keeps && Chance(0.5) ? "Width > 100" : "Width > 0") : keeps ? Chance(0.5) : true;
            layer = layer.With(Named("When", when));
        }

        return layer;
    }

    /// <summary>A repeated, swapped or removed layer now and then (the first layer, [Input], moves too).</summary>
    void Edit(List<Layer> layers)
    {
        double roll = r.NextDouble();
        int k = r.Next(layers.Count);
        if (roll < 0.08) layers.Insert(k + 1, layers[k]);
        else if (roll < 0.13 && layers.Count > 1) (layers[k], layers[Math.Min(k + 1, layers.Count - 1)]) = (layers[Math.Min(k + 1, layers.Count - 1)], layers[k]);
        else if (roll < 0.17 && layers.Count > 1) layers.RemoveAt(k);
    }

    long[] RandomInput()
    {
        double roll = r.NextDouble();
        long[] input = roll < 0.55 ? Image(r.Next(1, 4), r.Next(1, 13)) : roll < 0.8 ? [r.Next(1, 9), r.Next(1, 13)] : [r.Next(1, 17)];
        if (Chance(0.04)) input[r.Next(input.Length)] = r.Next(-1, 1);
        return input;
    }

    long[] Image(long c, long h) => [c, h, Chance(0.7) ? h : r.Next(1, 13)];

    /// <summary>A layer that takes <paramref name="shape"/>, with sizes that fit it.</summary>
    (Layer, long[]?) Fitting(long[] shape, int depth) => shape.Length switch
    {
        3 => Pick(
            (3, () => Conv2d(shape)), (1.5, () => Pool(shape, Chance(0.6) ? "MaxPool2d" : "AvgPool2d")), (1, () => BatchNorm2d(shape)),
            (1, () => (L("GlobalAveragePool"), [shape[0]])), (1, () => (L("Flatten"), [shape[0] * shape[1] * shape[2]])), (1.5, () => Patchify(shape)),
            (1, () => Elementwise(shape)), (depth < 2 ? 1 : 0, () => Composed(shape, depth)), (0.2, () => Dense(shape)),
            (depth < 3 ? 2.5 : 0, () => BlockUse(shape, depth)), (0.4, () => AdaptiveAvgPool2d(shape)), (0.3, () => LayerScale(shape)),
            (0.3, () => (L("LayerNorm"), shape)), (0.5, () => PerPixel(shape)), (0.25, () => Branch(shape))),
        2 => Pick(
            (1, () => (L("ClassToken"), [shape[0] + 1, shape[1]])), (1, () => PositionEmbedding(shape)), (2, () => Encoder(shape)),
            (1.5, () => ClassifierHead()), (1, () => Dense(shape)), (1, () => Elementwise(shape)),
            (0.5, () => (L("Flatten"), [shape[0] * shape[1]])), (depth < 2 ? 1 : 0, () => Composed(shape, depth)),
            (depth < 3 ? 1.5 : 0, () => BlockUse(shape, depth)), (0.6, () => (L("DistillationToken"), [shape[0] + 1, shape[1]])),
            (0.5, () => RegisterTokens(shape)), (0.3, () => LayerScale(shape)), (0.2, () => Branch(shape))),
        _ => Pick(
            (3, () => Dense(shape)), (1, () => Elementwise(shape)), (0.2, () => (L("Flatten"), shape)), (depth < 2 ? 1 : 0, () => Composed(shape, depth)),
            (depth < 3 ? 1 : 0, () => BlockUse(shape, depth)), (0.3, () => LayerScale(shape)), (0.2, () => Branch(shape))),
    };

    /// <summary>A layer that gives <paramref name="shape"/> back, for residual blocks.</summary>
    (Layer, long[]?) Keeping(long[] shape, int depth) => shape.Length switch
    {
        3 => Pick(
            (2, () => (Chance(0.5) ? L("Conv2d", Pos(shape[0]), Pos(3), Named("padding", 1)) : L("Conv2d", Pos(shape[0]), Pos(1)), shape)),
            (1, () => BatchNorm2d(shape)), (0.5, () => (L("AvgPool2d", Pos(3), Pos(1), Named("Padding", 1)), shape)),
            (1, () => Elementwise(shape)), (depth < 2 ? 0.5 : 0, () => Composed(shape, depth)), (0.3, () => LayerScale(shape)), (0.3, () => (L("LayerNorm"), shape))),
        2 => Pick(
            (1, () => (L("Linear", Pos(shape[1])), shape)), (1, () => (L("LayerNorm"), shape)), (1.5, () => Encoder(shape)),
            (0.5, () => PositionEmbedding(shape)), (1, () => Elementwise(shape)), (0.3, () => LayerScale(shape))),
        _ => Pick((1.5, () => (L("Linear", Pos(shape[0])), shape)), (1, () => (L("LayerNorm"), shape)), (1, () => Elementwise(shape)), (0.3, () => LayerScale(shape))),
    };

    /// <summary>
    /// The layers of a ViT after its patches, in timm's order: a class token, DeiT's distillation token, register
    /// tokens, the position embedding, the encoder, and a head that pools what the tokens allow (distilled where there
    /// is a distillation token), each left out now and then.
    /// </summary>
    (List<Layer> Layers, long[]? Output) TransformerTail(long[] s)
    {
        var layers = new List<Layer>();
        bool cls = Chance(0.8), dist = cls && Chance(0.5);
        if (cls) layers.Add(L("ClassToken"));
        if (dist) layers.Add(L("DistillationToken"));
        if (Chance(0.4)) layers.Add(RegisterTokens(s).Item1);
        if (Chance(0.7)) layers.Add(L("PositionEmbedding"));
        if (Chance(0.9)) layers.Add(Encoder(s).Item1);
        int classes = r.Next(1, 6);
        layers.Add(dist && Chance(0.7) ? L("ClassifierHead", Pos(classes), Named("Distilled", true))
            : cls && Chance(0.5) ? L("ClassifierHead", Pos(classes))
            : L("ClassifierHead", Pos(classes), Named("Pool", Pooling.Mean)));
        return (layers, [classes]);
    }

    /// <summary><c>nn.AdaptiveAvgPool2d</c> to a square or to another size, smaller or (now and then) larger than the input.</summary>
    (Layer, long[]?) AdaptiveAvgPool2d(long[] s)
    {
        int h = Chance(0.8) ? r.Next(1, (int)Math.Min(s[1], 4) + 1) : r.Next(1, 13), w = Chance(0.7) ? h : r.Next(1, 5);
        return (h == w ? L("AdaptiveAvgPool2d", Pos(h)) : L("AdaptiveAvgPool2d", Pos(h), Pos(w)), [s[0], h, w]);
    }

    (Layer, long[]?) LayerScale(long[] s)
    {
        double init = Chance(0.85) ? new[] { 1e-6, 1e-5, 0.1, 1.0 }[r.Next(4)] : new[] { 0.0, -1e-6, double.PositiveInfinity }[r.Next(3)];
        return (Chance(0.3) ? L("LayerScale") : L("LayerScale", Pos(init)), s);
    }

    /// <summary>ConvNeXt's pointwise Linear over the channels of every pixel.</summary>
    (Layer, long[]?) PerPixel(long[] s)
    {
        int features = r.Next(1, 13);
        return (L("Linear", Pos(features), Named("PerPixel", true)), [features, s[1], s[2]]);
    }

    (Layer, long[]?) RegisterTokens(long[] s)
    {
        int count = Chance(0.9) ? r.Next(1, 5) : r.Next(-1, 1);
        return (L("RegisterTokens", Pos(count)), [s[0] + count, s[1]]);
    }

    /// <summary>A branch in a model (not a block): it combines with the model's declared input.</summary>
    (Layer, long[]?) Branch(long[] s) => r.Next(3) switch
    {
        0 => (L("AddInput"), user.Input is { } input && input.SequenceEqual(s) ? s : null),
        1 => (L("MultiplyInput"), user.Input),
        _ => (L("ConcatInput"), null),
    };

    /// <summary>A last layer that turns the shape into one that broadcasts against it: [C, 1, 1], [N, 1], [1].</summary>
    Layer Broadcasting(long[] shape) => shape.Length == 3 && shape[1] == shape[2] ? L("AvgPool2d", Pos(shape[1])) : L("Linear", Pos(1));

    /// <summary>Any layer kind with plausible sizes, whatever it receives.</summary>
    (Layer, long[]?) AnyLayer(int depth)
    {
        if (depth < 2 && Chance(0.1)) return Composed([r.Next(1, 4), r.Next(1, 9), r.Next(1, 9)], depth);
        var any = AnyKind[r.Next(AnyKind.Length)] switch
        {
            "Conv2d" => L("Conv2d", Pos(r.Next(1, 5)), Pos(r.Next(1, 4))),
            var pool when pool is "MaxPool2d" or "AvgPool2d" => L(pool, Pos(r.Next(1, 4))),
            "Linear" => L("Linear", Pos(r.Next(1, 9))),
            "Activation" => L("Activation", Pos(AnyOf<Activation>())),
            "Dropout" => L("Dropout", Pos(0.1)),
            "Patchify" => L("Patchify", Pos(r.Next(1, 4)), Pos(r.Next(1, 9))),
            "Encoder" => L("Encoder", Pos(1), Pos(r.Next(1, 3))),
            "ClassifierHead" => L("ClassifierHead", Pos(r.Next(1, 5))),
            "AdaptiveAvgPool2d" => L("AdaptiveAvgPool2d", Pos(r.Next(1, 4))),
            "LayerScale" => L("LayerScale"),
            "RegisterTokens" => L("RegisterTokens", Pos(r.Next(1, 4))),
            var kind => L(kind),
        };
        return (any, null);
    }

    (Layer, long[]?) Conv2d(long[] s)
    {
        int padding = Chance(0.6) ? 0 : r.Next(0, 3), kernel = r.Next(1, (int)Math.Min(5, Math.Min(s[1], s[2]) + (2 * padding)) + 1);
        int stride = Chance(0.6) ? 1 : r.Next(1, 4), channels = r.Next(1, 7), dilation = 1;
        var args = new List<Argument> { Pos(channels), Pos(kernel) };
        if (stride != 1 || padding != 0)
        {
            if (Chance(0.5)) args.AddRange([Pos(stride), Pos(padding)]);
            else args.AddRange(new[] { Named("stride", stride), Named("padding", padding) }.Where(a => (int)a.Value != (a.Name == "stride" ? 1 : 0)));
        }

        if (Chance(0.2)) args.Add(Named("Bias", false));
        var groups = Divisors(Gcd(s[0], channels)).Where(g => g > 1).ToList();
        if (Chance(0.15) && groups.Count > 0) args.Add(Named("Groups", groups[r.Next(groups.Count)]));
        if (Chance(0.1) && (2 * (kernel - 1)) + 1 <= Math.Min(s[1], s[2]) + (2 * padding)) args.Add(Named("Dilation", dilation = 2));
        long Out(long size) => ((size + (2 * padding) - (dilation * (kernel - 1)) - 1) / stride) + 1;
        return (L("Conv2d", [.. args]), [channels, Out(s[1]), Out(s[2])]);
    }

    (Layer, long[]?) Pool(long[] s, string kind)
    {
        int kernel = r.Next(1, (int)Math.Min(3, Math.Min(s[1], s[2])) + 1), stride = Chance(0.6) ? kernel : r.Next(1, 4);
        int padding = Chance(0.8) ? 0 : r.Next(0, (kernel / 2) + 1);
        var args = new List<Argument> { Pos(kernel) };
        if (stride != kernel || Chance(0.2)) args.Add(Pos(stride));
        if (padding != 0) args.Add(Named("Padding", padding));
        long Out(long size) => ((size + (2 * padding) - kernel) / stride) + 1;
        return (L(kind, [.. args]), [s[0], Out(s[1]), Out(s[2])]);
    }

    (Layer, long[]?) BatchNorm2d(long[] s)
    {
        double roll = r.NextDouble();
        var layer = roll < 0.8 ? L("BatchNorm2d")
            : roll < 0.9 ? L("BatchNorm2d", Named("Momentum", Chance(0.5) ? 0.2 : new[] { 0.0, 1.5 }[r.Next(2)]))
            : L("BatchNorm2d", Named("Epsilon", Chance(0.5) ? 1e-3 : new[] { 0.0, -1e-5 }[r.Next(2)]));
        return (layer, s);
    }

    (Layer, long[]?) Patchify(long[] s)
    {
        var patches = Divisors(Gcd(s[1], s[2]));
        int patch = patches[r.Next(patches.Count)], dim = r.Next(1, 13);
        long tokens = s[1] / patch * (s[2] / patch);
        return Chance(0.05) ? (L("Patchify", Pos(patch)), [tokens, 100]) : (L("Patchify", Pos(patch), Chance(0.5) ? Pos(dim) : Named("dim", dim)), [tokens, dim]);
    }

    (Layer, long[]?) PositionEmbedding(long[] s) => (Chance(0.9) ? L("PositionEmbedding") : L("PositionEmbedding", Named("Dropout", Chance(0.7) ? 0.1 : 1.0)), s);

    (Layer, long[]?) Encoder(long[] s)
    {
        var attention = Chance(0.5) ? AttentionKind.Split : Chance(0.5) ? AttentionKind.Wide : AttentionKind.TutorialListing;
        var divisors = Divisors(s[1]).Where(h => h <= 4).ToList();
        int heads = attention != AttentionKind.Split ? r.Next(1, 4) : Chance(0.85) ? divisors[r.Next(divisors.Count)] : r.Next(1, 5);
        var args = new List<Argument> { Pos(r.Next(1, 3)), Pos(heads) };
        if (attention != AttentionKind.Split || Chance(0.1)) args.Add(Named("Attention", attention));
        if (Chance(0.3)) args.Add(Named("MlpRatio", Ratios[r.Next(Ratios.Length)]));
        if (Chance(0.3)) args.Add(Named("Activation", AnyOf<Activation>()));
        if (Chance(0.1)) args.Add(Named("QkvBias", false));
        if (Chance(0.1)) args.Add(Named("NormEpsilon", new[] { 1e-6, 1e-5, -1.0 }[r.Next(3)]));
        if (Chance(0.2)) args.Add(Named("FinalNorm", AnyOf<FinalNorm>()));
        if (Chance(0.1)) args.Add(Named("Dropout", Chance(0.7) ? 0.1 : 1.0));
        if (Chance(0.05)) args.Add(Named("AttentionDropout", 0.1));
        if (Chance(0.2)) args.Add(Named("DropPath", Chance(0.85) ? new[] { 0.1, 0.3 }[r.Next(2)] : new[] { 1.0, -0.1 }[r.Next(2)]));
        if (Chance(0.2)) args.Add(Named("LayerScale", Chance(0.85) ? new[] { 1e-5, 0.1 }[r.Next(2)] : -1e-5));
        return (L("Encoder", [.. args]), s);
    }

    (Layer, long[]?) ClassifierHead()
    {
        int classes = r.Next(1, 6);
        double roll = r.NextDouble();
        var layer = roll < 0.5 ? L("ClassifierHead", Pos(classes))
            : roll < 0.85 ? L("ClassifierHead", Pos(classes), Named("Pool", Chance(0.8) ? Pooling.Mean : Pooling.ClassToken))
            : roll < 0.98 ? L("ClassifierHead", [Pos(classes), Named("Distilled", true), .. Chance(0.15) ? new[] { Named("Pool", Pooling.Mean) } : []])
            : L("ClassifierHead", Pos(classes), Named("Pool", (Pooling)2));
        return (layer, [classes]);
    }

    /// <summary>Linear (on the last axis) or LayerNorm: for vectors and tokens, and now and then on an image (a design rule).</summary>
    (Layer, long[]?) Dense(long[] s)
    {
        if (Chance(0.35)) return (Chance(0.9) ? L("LayerNorm") : L("LayerNorm", Named("Epsilon", Chance(0.5) ? 1e-6 : 0.0)), s);
        int features = r.Next(1, 13);
        var layer = Chance(0.85) ? L("Linear", Pos(features)) : L("Linear", Pos(features), Named("Bias", false));
        return (layer, [.. s[..^1], features]);
    }

    (Layer, long[]?) Elementwise(long[] s)
    {
        if (Chance(0.7)) return (L("Activation", Pos(AnyOf<Activation>())), s);
        return (L("Dropout", Pos(Chance(0.9) ? new[] { 0.0, 0.1, 0.5 }[r.Next(3)] : new[] { 1.0, 1.5, -0.1 }[r.Next(3)])), s);
    }

    /// <summary>
    /// <c>[Layer]</c> or <c>[Residual]</c> with a new inner model declared for <paramref name="shape"/> (or, now and then,
    /// for another shape), an inner model of this group used again, or a model already being generated (a cycle).
    /// </summary>
    (Layer, long[]?) Composed(long[] shape, int depth)
    {
        bool residual = Chance(0.5);
        string kind = residual ? "Residual" : "Layer", argument = residual ? "block" : "model";
        if (Chance(0.04)) return (L(kind, Named(argument, new ModelName(open.ElementAt(r.Next(open.Count))))), null);
        if (Chance(0.12) && inner.Count > 0)
        {
            var again = inner[r.Next(inner.Count)];
            return (L(kind, Pos(new ModelName(again.Name))), residual ? shape : null);
        }

        long[] declared = [.. shape];
        if (Chance(0.08)) declared[r.Next(declared.Length)] += 1;
        string name = $"{prefix}_{inner.Count}";
        int index = inner.Count;
        inner.Add(new ModelClass(name, [])); // holds the name's place while the model is generated (using it meanwhile is a cycle)
        var model = inner[index] = Model(name, declared, depth + 1, keepShape: residual && Chance(0.85), out var output);
        var use = L(kind, Pos(new ModelName(name)));
        if (model.Constants.Count > 0 && Chance(0.5))
        {
            // a model's constants may be given at its use too: it is then built for that use, its [Input] still checked
            bool same = Chance(0.5);
            var values = model.Constants.ToDictionary(c => c.Name, c => same ? c.Value : (object)r.Next(1, 9));
            if (Values(model, values, all: true) is { } text) use = use.With(Pos(text));
            if (!same) output = null;
        }

        if (!residual && Chance(0.1)) use = use.With(Named("Inline", true));
        return (use, residual ? shape : output);
    }

    /// <summary>One integer argument replaced by zero, a negative number or something too large for the input.</summary>
    Layer Wild(Layer layer)
    {
        var ints = layer.Arguments.Select((a, i) => (a, i)).Where(p => p.a.Value is int).ToList();
        if (ints.Count == 0) return layer;
        return layer.With(ints[r.Next(ints.Count)].i, new[] { 0, -1, r.Next(13, 30), r.Next(1, 9) }[r.Next(4)]);
    }

    (Layer, long[]?) Pick(params (double Weight, Func<(Layer, long[]?)> Make)[] choices)
    {
        double roll = r.NextDouble() * choices.Sum(c => c.Weight);
        foreach (var (weight, make) in choices)
        {
            if (roll < weight) return make();
            roll -= weight;
        }

        return choices.Last(c => c.Weight > 0).Make();
    }

    bool Chance(double p) => r.NextDouble() < p;

    T AnyOf<T>()
        where T : struct, Enum => Enum.GetValues<T>()[r.Next(Enum.GetValues<T>().Length)];

    static List<int> Divisors(long n) => Enumerable.Range(1, (int)Math.Max(n, 1)).Where(d => n % d == 0).ToList();

    static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);

    static Argument Pos(object value) => new(null, value is long l ? (int)l : value);

    static Argument Named(string name, object value) => new(name, value);

    static Layer L(string kind, params Argument[] arguments) => new(kind, arguments);
}

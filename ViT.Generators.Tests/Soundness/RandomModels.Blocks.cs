namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// The blocks of the random groups, drawn after the architectures the algebra grew for: torchvision's conv-norm-activation
/// and BasicBlock with its projection shortcut, squeeze-excitation gates (right and wrong), DenseNet's dense layers,
/// ConvNeXt's block with its per-pixel Linears and layer scale, MobileNet's inverted residual built of other blocks,
/// ResNet stages of repeated blocks, transformer MLP and encoder blocks, and residual MLPs on vectors. Their arguments
/// are expressions over their constants and <c>In</c>, some layers have <c>When</c> and <c>Name</c>, and some are
/// broken on purpose (a shortcut of the wrong width, a gate that does not broadcast, a padding that changes the size).
/// </summary>
internal sealed partial class RandomModels
{
    static readonly ViT.Activation[] Activations = Enum.GetValues<ViT.Activation>();

    readonly List<BlockDraft> blocks = [];

    /// <summary>A new block made for <paramref name="shape"/> (now and then for another rank), with its helpers.</summary>
    BlockDraft NewBlock(long[] shape, int depth)
    {
        int rank = Chance(0.05) ? r.Next(1, 4) : shape.Length;
        var block = rank switch
        {
            3 => Pick(
                (2, () => ConvNormActivation()), (3, () => BasicBlock()), (2.5, () => SqueezeExcitation()), (1.5, () => DenseLayer(3)),
                (1.5, () => ConvNeXtBlock()), (depth < 2 ? 1 : 0, () => InvertedResidual()), (depth < 2 ? 1 : 0, () => Stage())),
            2 => Pick((2, () => MlpBlock()), (1.5, () => EncoderBlock()), (1, () => DenseLayer(2)), (1.5, () => TokenGate())),
            _ => Pick((2, () => VectorResidual()), (1, () => DenseLayer(1))),
        };
        blocks.Add(block);
        return block;
    }

    BlockDraft Pick(params (double Weight, Func<BlockDraft> Make)[] choices)
    {
        double roll = r.NextDouble() * choices.Sum(c => c.Weight);
        foreach (var (weight, make) in choices)
        {
            if (roll < weight) return make();
            roll -= weight;
        }

        return choices.Last(c => c.Weight > 0).Make();
    }

    /// <summary>Adds a block class to the group under a fresh name.</summary>
    ModelClass Declare(IReadOnlyList<Layer> layers, params Constant[] constants)
    {
        var model = new ModelClass($"{prefix}_{inner.Count}", layers) { IsBlock = true, Constants = constants };
        inner.Add(model);
        return model;
    }

    static Code C(string text) => new(text);

    static long Out(long size, long kernel, long stride, long padding) => stride <= 0 ? -1 : ((size + (2 * padding) - kernel) / stride) + 1;

    static int I(IReadOnlyDictionary<string, object> values, string name) => (int)values[name];

    /// <summary>torchvision's <c>Conv2dNormActivation</c>: a convolution, a batch norm, an activation a constant can leave out.</summary>
    BlockDraft ConvNormActivation()
    {
        bool half = Chance(0.7); // padding (k - 1) / 2, torchvision's; k / 2 grows an even kernel's output by one
        string padding = half ? "(Kernel - 1) / 2" : "Kernel / 2";
        var model = Declare(
            [
                L("Conv2d", Pos(C("Width")), Pos(C("Kernel")), Named("stride", C("Stride")), Named("padding", C(padding)), Named("Groups", C("Groups")), Named("Bias", false)),
                NameMaybe(L("BatchNorm2d", Chance(0.3) ? [Named("Epsilon", 1e-3)] : [])),
                L("Activation", Pos(C("Act")), Named("When", C("Activate"))),
            ],
            new Constant("Width", 8), new Constant("Kernel", 3), new Constant("Stride", 1), new Constant("Groups", 1), new Constant("Act", Activations[r.Next(Activations.Length)]), new Constant("Activate", true));
        return new(model, 3, s =>
        {
            int width = Chance(0.5) ? (int)s[0] : r.Next(1, 9), kernel = new[] { 1, 3, 3, 5 }[r.Next(4)];
            var groups = Divisors(Gcd(s[0], width));
            return new()
            {
                ["Width"] = width, ["Kernel"] = kernel, ["Stride"] = Chance(0.7) ? 1 : 2,
                ["Groups"] = Chance(0.7) ? 1 : groups[r.Next(groups.Count)], ["Act"] = Activations[r.Next(Activations.Length)], ["Activate"] = Chance(0.8),
            };
        }, (s, v) =>
        {
            int k = I(v, "Kernel"), p = half ? (k - 1) / 2 : k / 2, stride = I(v, "Stride");
            return [I(v, "Width"), Out(s[1], k, stride, p), Out(s[2], k, stride, p)];
        });
    }

    /// <summary>torchvision's <c>BasicBlock</c>: two 3x3 convolutions and <c>out += identity</c>, the identity through a projection shortcut where the shape changes.</summary>
    BlockDraft BasicBlock()
    {
        var projection = Declare(
            [L("Conv2d", Pos(C("Width")), Pos(1), Named("stride", C("Stride")), Named("Bias", false)), L("BatchNorm2d")],
            new Constant("Width", 8), new Constant("Stride", 1));
        blocks.Add(new(projection, 3, s => new() { ["Width"] = r.Next(1, 9), ["Stride"] = r.Next(1, 3) }, (s, v) => [I(v, "Width"), Out(s[1], 1, I(v, "Stride"), 0), Out(s[2], 1, I(v, "Stride"), 0)]));
        double roll = r.NextDouble();
        var add = roll < 0.6 ? L("AddInput", Pos(new ModelName(projection.Name)), Pos("Width, Stride"), Named("Name", "downsample"))
            : roll < 0.7 ? L("AddInput", Pos(new ModelName(projection.Name)), Pos("Width")) // no stride: the wrong shape where the block strides
            : roll < 0.8 ? L("AddInput") // no shortcut: wrong wherever the shape changes
            : roll < 0.9 ? L("AddInput", Pos(new ModelName(projection.Name)), Pos("Stride: Stride, Width: Width"), Named("DropPath", 0.1), Named("Name", "downsample"))
            : L("AddInput", Pos(new ModelName(projection.Name)), Pos("Width * 2, Stride")); // twice the width: wrong
        var model = Declare(
            [
                L("Conv2d", Pos(C("Width")), Pos(3), Named("stride", C("Stride")), Named("padding", 1), Named("Bias", false), Named("Name", "conv1")),
                L("BatchNorm2d", Named("Name", "bn1")),
                L("Activation", Pos(ViT.Activation.ReLU)),
                L("Conv2d", Pos(C("Width")), Pos(3), Named("padding", 1), Named("Bias", false), Named("Name", Chance(0.95) ? "conv2" : "conv1")),
                L("BatchNorm2d", Named("Name", "bn2")),
                add,
                L("Activation", Pos(ViT.Activation.ReLU)),
            ],
            new Constant("Width", 8), new Constant("Stride", 1));
        return new(model, 3, s => new() { ["Width"] = Chance(0.5) ? (int)s[0] : (int)Math.Min(16, s[0] * 2), ["Stride"] = Chance(0.6) ? 1 : 2 },
            (s, v) => [I(v, "Width"), Out(s[1], 3, I(v, "Stride"), 1), Out(s[2], 3, I(v, "Stride"), 1)]);
    }

    /// <summary>
    /// Squeeze-excitation and other gates over an image: a <c>[C, 1, 1]</c> gate (torchvision's), a <c>[C]</c> gate (a
    /// Linear's), a gate of the input's shape; and wrong ones: a gate of the squeezed width, a spatial <c>[1, H, W]</c> gate,
    /// a <c>[C, 2, 2]</c> gate.
    /// </summary>
    BlockDraft SqueezeExcitation()
    {
        var gate = Chance(0.7) ? ViT.Activation.Sigmoid : ViT.Activation.Hardsigmoid;
        double roll = r.NextDouble();
        IReadOnlyList<Layer> layers = roll < 0.35
            ? [L("AdaptiveAvgPool2d", Pos(1), Named("Name", "avgpool")), L("Conv2d", Pos(C("Squeeze")), Pos(1), Named("Name", "fc1")), L("Activation", Pos(C("Act"))),
               L("Conv2d", Pos(C("In.Channels")), Pos(1), Named("Name", "fc2")), L("Activation", Pos(gate)), L("MultiplyInput")]
            : roll < 0.7
            ? [L("GlobalAveragePool"), L("Linear", Pos(C("Squeeze"))), L("Activation", Pos(C("Act"))), L("Linear", Pos(C("In.Channels"))), L("Activation", Pos(gate)), L("MultiplyInput")]
            : roll < 0.75
            ? [L("Conv2d", Pos(C("In.Channels")), Pos(3), Named("padding", 1)), L("Activation", Pos(gate)), L("MultiplyInput")]
            : roll < 0.85
            ? [L("AdaptiveAvgPool2d", Pos(1)), L("Conv2d", Pos(C("Squeeze")), Pos(1)), L("Activation", Pos(gate)), L("MultiplyInput")]
            : roll < 0.93
            ? [L("Conv2d", Pos(1), Pos(3), Named("padding", 1)), L("Activation", Pos(gate)), L("MultiplyInput")]
            : [L("AdaptiveAvgPool2d", Pos(2), Pos(2)), L("Conv2d", Pos(C("In.Channels")), Pos(1)), L("Activation", Pos(gate)), L("MultiplyInput")];
        var model = Declare(layers, new Constant("Squeeze", 2), new Constant("Act", ViT.Activation.ReLU));
        return new(model, 3, s => new() { ["Squeeze"] = (int)Math.Max(1, s[0] / 4), ["Act"] = Chance(0.5) ? ViT.Activation.ReLU : ViT.Activation.SiLU }, (s, v) => s);
    }

    /// <summary>A gate over tokens: mean pooling to <c>[D]</c>, a sigmoid, one scale per feature of every token.</summary>
    BlockDraft TokenGate()
    {
        IReadOnlyList<Layer> layers = Chance(0.8)
            ? [L("ClassifierHead", Pos(C("In.Dim")), Named("Pool", ViT.Pooling.Mean)), L("Activation", Pos(ViT.Activation.Sigmoid)), L("MultiplyInput")]
            : [L("Linear", Pos(C("Width"))), L("Activation", Pos(ViT.Activation.Sigmoid)), L("MultiplyInput")];
        var model = Declare(layers, new Constant("Width", 4));
        return new(model, 2, s => new() { ["Width"] = Chance(0.7) ? (int)s[1] : r.Next(1, 9) }, (s, v) => s);
    }

    /// <summary>DenseNet's dense layer on an image (and its kin on tokens and vectors): new features concatenated to the input's.</summary>
    BlockDraft DenseLayer(int rank)
    {
        bool keeps = Chance(0.85); // padding 1 keeps the size; without it the concatenation cannot work
        IReadOnlyList<Layer> layers = rank switch
        {
            3 =>
            [
                L("BatchNorm2d", Named("Name", "norm1")), L("Activation", Pos(ViT.Activation.ReLU)),
                L("Conv2d", Pos(C("4 * Growth")), Pos(1), Named("Bias", false), Named("Name", "conv1")),
                L("BatchNorm2d", Named("Name", "norm2")), L("Activation", Pos(ViT.Activation.ReLU)),
                L("Conv2d", Pos(C("Growth")), Pos(3), Named("padding", keeps ? 1 : 0), Named("Bias", false), Named("Name", "conv2")),
                L("ConcatInput"),
            ],
            2 => [L("LayerNorm"), L("Linear", Pos(C("Growth"))), L("ConcatInput")],
            _ => [L("Linear", Pos(C("Growth"))), L("Activation", Pos(C("Act"))), L("ConcatInput")],
        };
        var model = Declare(layers, rank == 1 ? [new Constant("Growth", 4), new Constant("Act", ViT.Activation.ReLU6)] : [new Constant("Growth", 4)]);
        return new(model, rank, s => new() { ["Growth"] = r.Next(1, 7) }, (s, v) => s.Length switch
        {
            3 => [s[0] + I(v, "Growth"), s[1], s[2]],
            2 => [s[0], s[1] + I(v, "Growth")],
            _ => [s[0] + I(v, "Growth")],
        });
    }

    /// <summary>torchvision's ConvNeXt <c>CNBlock</c>: a body (depthwise convolution, LayerNorm over channels, per-pixel Linears), a layer scale, and the input added with drop path.</summary>
    BlockDraft ConvNeXtBlock()
    {
        bool perPixel = Chance(0.93); // without PerPixel, a Linear on an image is VIT0007
        var body = Declare(
            [
                L("Conv2d", Pos(C("In.Channels")), Pos(C("Kernel")), Named("padding", C("Kernel / 2")), Named("Groups", C("In.Channels"))),
                L("LayerNorm", Named("Epsilon", 1e-6), Named("Name", "2")),
                L("Linear", Pos(C("Expand * In.Channels")), Named("PerPixel", true), Named("Name", "3")),
                L("Activation", Pos(ViT.Activation.GELU)),
                perPixel ? L("Linear", Pos(C("In.Channels")), Named("PerPixel", true), Named("Name", "5")) : L("Linear", Pos(C("In.Channels")), Named("Name", "5")),
            ],
            new Constant("Kernel", 7), new Constant("Expand", 4));
        var use = Chance(0.7)
            ? L("Layer", Pos(new ModelName(body.Name)), Pos("Kernel, Expand"), Named("Name", "block"))
            : L("Layer", Pos(new ModelName(body.Name)), Pos("Expand: Expand, Kernel: Kernel"), Named("Inline", true));
        var model = Declare(
            [use, L("LayerScale", Pos(C("Scale")), Named("Name", "layer_scale")), L("AddInput", Named("DropPath", C("Rate")))],
            new Constant("Kernel", 3), new Constant("Expand", 2), new Constant("Scale", 1e-6), new Constant("Rate", 0.1));
        return new(model, 3, s => new()
        {
            ["Kernel"] = new[] { 3, 3, 5, 7, 2 }[r.Next(5)], ["Expand"] = r.Next(1, 5), ["Scale"] = Chance(0.9) ? 1e-6 : new[] { 0.0, -1.0, 1.0 }[r.Next(3)],
            ["Rate"] = Chance(0.9) ? new[] { 0.0, 0.1, 0.2 }[r.Next(3)] : new[] { 1.0, -0.1, 0.99 }[r.Next(3)],
        }, (s, v) => s);
    }

    /// <summary>
    /// MobileNetV2's and EfficientNet's inverted residual: an expansion that a constant leaves out (<c>When = Expand != 1</c>),
    /// a depthwise convolution, squeeze-excitation, a projection without activation, all through other blocks, and the
    /// input added where the shape allows (a <c>When</c> over constants and <c>In</c>).
    /// </summary>
    BlockDraft InvertedResidual()
    {
        var cna = ConvNormActivation();
        blocks.Add(cna);
        var se = Declare(
            Chance(0.5) // torchvision's 1x1 convolutions give a [C, 1, 1] gate; Linears a [C] one
                ? [L("AdaptiveAvgPool2d", Pos(1)), L("Conv2d", Pos(C("Squeeze")), Pos(1), Named("Name", "fc1")), L("Activation", Pos(ViT.Activation.SiLU)),
                   L("Conv2d", Pos(C("In.Channels")), Pos(1), Named("Name", "fc2")), L("Activation", Pos(ViT.Activation.Sigmoid)), L("MultiplyInput")]
                : [L("GlobalAveragePool"), L("Linear", Pos(C("Squeeze")), Named("Name", "fc1")), L("Activation", Pos(ViT.Activation.SiLU)),
                   L("Linear", Pos(C("In.Channels")), Named("Name", "fc2")), L("Activation", Pos(ViT.Activation.Sigmoid)), L("MultiplyInput")],
            new Constant("Squeeze", 4));
        string cnaName = cna.Class.Name;
        var body = Declare(
            [
                L("Layer", Pos(new ModelName(cnaName)), Pos("In.Channels * Expand, 1"), Named("When", C("Expand != 1"))),
                L("Layer", Pos(new ModelName(cnaName)), Pos(Chance(0.9) ? "In.Channels * Expand, 3, Stride, Groups: In.Channels * Expand" : "In.Channels * Expand, 3, Stride, Groups: In.Channels")),
                L("Layer", Pos(new ModelName(se.Name)), Pos("Squeeze: In.Channels / 4 > 0 ? In.Channels / 4 : 1")),
                L("Layer", Pos(new ModelName(cnaName)), Pos("Width, 1, Activate: false")),
            ],
            new Constant("Width", 8), new Constant("Stride", 1), new Constant("Expand", 6));
        var model = Declare(
            [L("Layer", Pos(new ModelName(body.Name)), Pos("Width, Stride, Expand"), Named("Name", "block")),
             L("AddInput", Named("When", C(Chance(0.9) ? "Stride == 1 && In.Channels == Width" : "Stride == 1")), Named("DropPath", 0.1))],
            new Constant("Width", 8), new Constant("Stride", 1), new Constant("Expand", 6));
        bool oddKernel = cna.Class.Layers[0].Arguments.Any(a => a.Value is Code { Text: "(Kernel - 1) / 2" });
        return new(model, 3, s => new() { ["Width"] = Chance(0.5) ? (int)s[0] : r.Next(1, 9), ["Stride"] = Chance(0.7) ? 1 : 2, ["Expand"] = new[] { 1, 2, 4 }[r.Next(3)] },
            (s, v) => oddKernel ? [I(v, "Width"), Out(s[1], 3, I(v, "Stride"), 1), Out(s[2], 3, I(v, "Stride"), 1)] : null);
    }

    /// <summary>A ResNet stage: a block repeated, the first with its own stride, as one named <c>nn.Sequential</c> or numbered on.</summary>
    BlockDraft Stage()
    {
        var basic = BasicBlock();
        blocks.Add(basic);
        var repeat = Chance(0.6)
            ? L("Repeat", Pos(C("Depth")), Pos(new ModelName(basic.Class.Name)), Pos("Width"), Named("First", "Stride: Stride"), Named("Name", "blocks"))
            : L("Repeat", Pos(C("Depth")), Pos(new ModelName(basic.Class.Name)), Pos("Width: Width"), Named("First", "Width, Stride"), Named("FirstItemName", Chance(0.5) ? "block1" : "unit0"));
        var model = Declare([repeat], new Constant("Width", 8), new Constant("Stride", 2), new Constant("Depth", 2));
        return new(model, 3, s => new() { ["Width"] = r.Next(2, 9), ["Stride"] = r.Next(1, 3), ["Depth"] = Chance(0.9) ? r.Next(1, 4) : 0 },
            (s, v) => [I(v, "Width"), Out(s[1], 3, I(v, "Stride"), 1), Out(s[2], 3, I(v, "Stride"), 1)]);
    }

    /// <summary>timm's MLP block on tokens with layer scale and drop path, <c>x + drop_path(ls(mlp(norm(x))))</c>.</summary>
    BlockDraft MlpBlock()
    {
        bool back = Chance(0.9); // the second Linear back to In.Dim; else the residual cannot be added
        var model = Declare(
            [
                L("LayerNorm", Named("Name", "norm")), L("Linear", Pos(C("Hidden")), Named("Name", "fc1")), L("Activation", Pos(C("Act"))),
                L("Linear", Pos(C(back ? "In.Dim" : "Hidden")), Named("Name", "fc2")), L("LayerScale", Pos(C("Init")), Named("When", C("Init > 0"))),
                L("AddInput", Named("DropPath", C("Rate"))),
            ],
            new Constant("Hidden", 8), new Constant("Act", ViT.Activation.GELUTanh), new Constant("Init", 1e-5), new Constant("Rate", 0.0));
        return new(model, 2, s => new()
        {
            ["Hidden"] = r.Next(1, 17), ["Act"] = Activations[r.Next(Activations.Length)], ["Init"] = Chance(0.8) ? 1e-5 : 0.0,
            ["Rate"] = Chance(0.9) ? new[] { 0.0, 0.1 }[r.Next(2)] : new[] { 1.0, -0.5 }[r.Next(2)],
        }, (s, v) => s);
    }

    /// <summary>An encoder whose depth, heads, drop path and layer scale are the use's.</summary>
    BlockDraft EncoderBlock()
    {
        var encoder = L("Encoder", Pos(C("Depth")), Pos(C("Heads")), Named("DropPath", C("Rate")), Named("LayerScale", C("Scale")), Named("MlpRatio", C("Ratio")));
        if (Chance(0.2)) encoder = encoder.With(Named("Name", Chance(0.5) ? "enc" : "transformer"));
        var model = Declare([encoder], new Constant("Depth", 1), new Constant("Heads", 1), new Constant("Rate", 0.1), new Constant("Scale", 1e-5), new Constant("Ratio", 2.0));
        return new(model, 2, s =>
        {
            var heads = Divisors(s[1]).Where(h => h <= 4).ToList();
            return new()
            {
                ["Depth"] = r.Next(1, 3), ["Heads"] = Chance(0.85) ? heads[r.Next(heads.Count)] : r.Next(1, 5),
                ["Rate"] = Chance(0.9) ? new[] { 0.0, 0.1, 0.3 }[r.Next(3)] : new[] { 1.0, 1.5 }[r.Next(2)],
                ["Scale"] = Chance(0.9) ? new[] { 0.0, 1e-5, 0.1 }[r.Next(3)] : -1e-5, ["Ratio"] = Ratios[r.Next(Ratios.Length)],
            };
        }, (s, v) => s);
    }

    /// <summary>A residual MLP on vectors with an activation a constant can leave out.</summary>
    BlockDraft VectorResidual()
    {
        var model = Declare(
            [
                L("Linear", Pos(C("Width"))), L("Activation", Pos(C("Act")), Named("When", C("UseAct"))), L("Dropout", Pos(C("Rate"))),
                L("Linear", Pos(C(Chance(0.9) ? "In.Features" : "Width"))), L("AddInput"),
            ],
            new Constant("Width", 8), new Constant("Act", ViT.Activation.Hardswish), new Constant("UseAct", true), new Constant("Rate", 0.1));
        return new(model, 1, s => new()
        {
            ["Width"] = r.Next(1, 13), ["Act"] = Activations[r.Next(Activations.Length)], ["UseAct"] = Chance(0.7),
            ["Rate"] = Chance(0.9) ? 0.1 : new[] { 1.0, 1.5 }[r.Next(2)],
        }, (s, v) => s);
    }

    /// <summary>
    /// <c>[Layer]</c>, <c>[Repeat]</c> or <c>[Residual]</c> with a block of this group (used again: blocks at several uses,
    /// with other shapes and values) or a new one, its values written by position or by name, now and then as
    /// expressions in the using class's scope, and now and then wrong.
    /// </summary>
    (Layer, long[]?) BlockUse(long[] shape, int depth)
    {
        var fitting = blocks.Where(b => b.Rank == shape.Length && !open.Contains(b.Class.Name)).ToList();
        var block = fitting.Count > 0 && Chance(0.5) ? fitting[r.Next(fitting.Count)] : NewBlock(shape, depth);
        bool fits = block.Rank == shape.Length; // a block made for another rank gets values for a shape of its own
        var values = block.Fit(fits ? shape : block.Rank switch { 3 => [4, 8, 8], 2 => [4, 8], _ => [8] });
        var output = fits ? block.Output(shape, values) : null;
        double roll = r.NextDouble();
        if (roll < 0.2)
        {
            // torchvision's _make_layer: the first use strides (First), the others keep the shape
            int count = Chance(0.95) ? r.Next(1, 4) : 0;
            var first = block.Fit(fits ? shape : block.Rank switch { 3 => [4, 8, 8], 2 => [4, 8], _ => [8] });
            var rest = new Dictionary<string, object>(values);
            foreach (var key in rest.Keys.Where(k => k == "Stride").ToList()) rest[key] = 1;
            var shown = first.Where(p => !Equals(p.Value, rest[p.Key]) || Chance(0.2)).ToDictionary(p => p.Key, p => p.Value);
            long[]? after = count == 0 ? shape : fits ? block.Output(shape, Merge(rest, shown)) : null;
            for (int i = 1; i < count && after is not null; i++) after = block.Output(after, rest);
            var repeat = L("Repeat", Pos(count), Pos(new ModelName(block.Class.Name)));
            if (Values(block.Class, rest) is { } common) repeat = repeat.With(Pos(common));
            if (shown.Count > 0 && Values(block.Class, shown, all: true) is { } text) repeat = repeat.With(Named("First", text));
            if (Chance(0.45)) repeat = repeat.With(Named("Name", Chance(0.9) ? "layer" + r.Next(1, 5) : BadName()));
            if (Chance(0.45)) repeat = repeat.With(Named("FirstItemName", new[] { "denselayer1", "block1-0", "unit", "5", "0", "a.b" }[r.Next(6)]));
            return (repeat, after);
        }

        string kind = roll < 0.85 ? "Layer" : "Residual";
        var use = L(kind, Pos(new ModelName(block.Class.Name)));
        if (Values(block.Class, values) is { } given) use = use.With(Pos(given));
        if (kind == "Layer" && Chance(0.15)) use = use.With(Named("Inline", true));
        if (kind == "Residual" && Chance(0.3)) use = use.With(Named("DropPath", Chance(0.85) ? 0.1 : 1.0));
        return (use, kind == "Residual" ? shape : output);
    }

    static Dictionary<string, object> Merge(Dictionary<string, object> values, Dictionary<string, object> over)
    {
        var merged = new Dictionary<string, object>(values);
        foreach (var (key, value) in over) merged[key] = value;
        return merged;
    }

    /// <summary>
    /// The text of a use's values for <paramref name="model"/>'s constants: those that differ from the declared ones
    /// (and some that do not), by position up to some point and by name after it, each a literal or, where it equals
    /// one, an expression in the using class's scope; now and then broken (an unknown constant, one value too many, a
    /// value of another type, a constant given twice, a positional value after a named one, text that is no C#).
    /// Null when no value is given.
    /// </summary>
    string? Values(ModelClass model, IReadOnlyDictionary<string, object> values, bool all = false)
    {
        var constants = model.Constants;
        var given = constants.Select((c, i) => (c.Name, Index: i, Value: values.TryGetValue(c.Name, out var v) ? v : c.Value))
            .Where(p => all ? values.ContainsKey(p.Name) : !Equals(p.Value, constants[p.Index].Value) || Chance(0.2)).ToList();
        if (given.Count == 0 && !Chance(0.05)) return null;
        int positional = given.Count == 0 || Chance(0.4) ? 0 : given.TakeWhile((p, i) => p.Index == i).Count();
        positional = positional == 0 ? 0 : r.Next(positional + 1);
        var parts = given.Select((p, i) => i < positional ? Expression(p.Value) : $"{p.Name}: {Expression(p.Value)}").ToList();
        if (Chance(0.08)) Break(parts, constants);
        return string.Join(", ", parts);
    }

    /// <summary>A value as the use writes it: a literal, or an expression of the using class that equals it.</summary>
    string Expression(object value)
    {
        if (value is int v && Chance(0.25) && user.Input is { } input)
        {
            foreach (var (text, size) in InputNames(input))
            {
                if (size == v) return text;
                if (size * 2 == v) return text + " * 2";
            }

            foreach (var constant in user.Constants.Where(c => c.Value is int))
            {
                if ((int)constant.Value == v) return constant.Name;
            }
        }

        return Argument.Format(value);
    }

    static IEnumerable<(string Text, long Size)> InputNames(long[] input) => input.Length switch
    {
        3 => [("In.Channels", input[0]), ("In.Height", input[1]), ("In.Width", input[2])],
        2 => [("In.Tokens", input[0]), ("In.Dim", input[1])],
        _ => [("In.Features", input[0])],
    };

    void Break(List<string> parts, IReadOnlyList<Constant> constants)
    {
        switch (r.Next(8))
        {
            case 0: parts.Add("Depth2: 2"); break; // no such constant
            case 1: parts.Add(string.Join(", ", Enumerable.Repeat("1", constants.Count + 1 - parts.Count))); break; // one value too many (or a positional after a named)
            case 2: parts.Insert(0, "2.5"); break; // a real where the first constant is (mostly) an int
            case 3 when constants.Count > 0: parts.Add($"{constants[0].Name}: {Argument.Format(constants[0].Value)}"); break; // given twice, or by name after by position
            case 4: parts.Add("In.Dim2"); break; // In has no such size
            case 5: parts.Add(":"); break; // no C#
            case 6: parts.Insert(0, "true"); break;
            default: parts.Add("1 / 0"); break;
        }
    }

    /// <summary>A name PyTorch refuses (empty, a dot), one it takes but the algebra does not, or one that takes another layer's place.</summary>
    string BadName() => new[] { "", "a.b", "layer 1", "über", "0", "1", "blocks", "patch_embed", "x+y" }[r.Next(9)];

    /// <summary>A layer with a Name now and then: a plain one mostly, a bad one sometimes.</summary>
    Layer NameMaybe(Layer layer) => Chance(0.15) ? layer.With(Named("Name", Chance(0.8) ? new[] { "norm", "bn", "conv", "fc", "proj" }[r.Next(5)] : BadName())) : layer;
}

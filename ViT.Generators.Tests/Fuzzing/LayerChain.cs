using System.Globalization;
using ViT;

namespace ViT.Generators.Tests.Fuzzing;

/// <summary>
/// Draws layer attributes that fit the shape they receive (so that many fuzzed models are valid and reach the
/// emitter), tracking the shape as the layer algebra does: image [C, H, W], tokens [N, D], vector [F]. Sizes stay small.
/// A model used as a layer is drawn as a helper model declared for the shape at that point (see <see cref="compose"/>),
/// a block as a <c>[Block]</c> class that fits it (<see cref="blocks"/>). Some layers get a <c>Name</c> or a <c>When</c>.
/// </summary>
internal sealed class LayerChain(Random random, Func<long[], bool, string?> compose, BlockUses? blocks = null)
{
    static readonly Activation[] Activations = Enum.GetValues<Activation>();

    /// <summary>Names given so far, so that the names drawn do not clash.</summary>
    int names;

    static readonly int[] Widths = { 1, 2, 3, 4, 6, 8, 12, 16 };

    /// <summary>
    /// The layers after <c>[Input]</c> for <paramref name="input"/>: up to <paramref name="length"/> of them, shape-preserving
    /// only when <paramref name="keepShape"/> (a residual block's).
    /// </summary>
    public List<AttributeDraft> Build(long[] input, int length, bool keepShape)
    {
        var layers = new List<AttributeDraft>();
        var shape = input;
        int classTokens = 0;
        for (int i = 0; i < length; i++)
        {
            var (layer, next, tokens) = Next(shape, classTokens, keepShape);
            layers.Add(layer);
            classTokens = next.Length == 2 && shape.Length == 2 && next[0] == shape[0] + tokens ? classTokens + tokens : 0;
            shape = next;
        }

        return layers;
    }

    /// <summary>A random input shape: mostly an image, sometimes tokens or a vector.</summary>
    public long[] Input() => random.Next(10) switch
    {
        < 6 => new long[] { random.Next(1, 4), Side(), Side() },
        < 8 => new long[] { random.Next(1, 10), Widths[random.Next(Widths.Length)] },
        _ => new long[] { Widths[random.Next(Widths.Length)] },
    };

    long Side() => new long[] { 4, 6, 8, 12, 16, 28, 32 }[random.Next(7)];

    (AttributeDraft Layer, long[] Shape, int AddedTokens) Next(long[] shape, int classTokens, bool keepShape)
    {
        if (random.Next(12) == 0 && compose(shape, false) is { } inner) return (AttributeDraft.Of("Layer", ArgumentDraft.Type(inner)), shape, 0);
        if (random.Next(12) == 0 && compose(shape, true) is { } block) return (AttributeDraft.Of("Residual", ArgumentDraft.Type(block)), shape, 0);
        if (random.Next(6) == 0 && blocks?.Use(shape, keepShape) is { } used) return (used.Use, used.Shape, 0);
        switch (random.Next(9))
        {
            case 0: return (Conditional(AnActivation()), shape, 0);
            case 1: return (Conditional(AttributeDraft.Of("Dropout", ArgumentDraft.Double(Rate()))), shape, 0);
            case 2: return (Conditional(Named(random.Next(2) == 0 ? AttributeDraft.Of("LayerScale") : AttributeDraft.Of("LayerScale", ArgumentDraft.Double(1e-5)))), shape, 0);
        }

        var (layer, next, tokens) = shape.Length switch
        {
            3 => Image(shape, keepShape),
            2 => Tokens(shape, classTokens, keepShape),
            _ => Vector(shape, keepShape),
        };
        return (layer.Name is "Conv2d" or "Linear" or "BatchNorm2d" or "LayerNorm" ? Named(layer) : layer, next, tokens);
    }

    /// <summary>The layer with a <c>Name</c> one time in five (<c>n0</c>, <c>n1</c>, …: free state-dict names).</summary>
    AttributeDraft Named(AttributeDraft layer) => random.Next(5) > 0 ? layer
        : layer with { Arguments = layer.Arguments.Append(new ArgumentDraft($"\"n{(names++).ToString(CultureInfo.InvariantCulture)}\"", ArgumentKind.String, "Name", true)).ToList(), HasArgumentList = true };

    /// <summary>A layer that keeps the shape, now and then with <c>When = false</c> (left out) or <c>When = true</c>.</summary>
    AttributeDraft Conditional(AttributeDraft layer) => random.Next(6) > 0 ? layer
        : layer with { Arguments = layer.Arguments.Append(ArgumentDraft.Bool(random.Next(2) == 0, "When")).ToList(), HasArgumentList = true };

    (AttributeDraft, long[], int) Image(long[] s, bool keepShape)
    {
        long c = s[0], h = s[1], w = s[2];
        int pick = keepShape ? new[] { 0, 1, 2, 9, 10 }[random.Next(5)] : random.Next(12);
        switch (pick)
        {
            case 9:
                return (AttributeDraft.Of("LayerNorm", Options(("Epsilon", ArgumentDraft.Double(1e-6, "Epsilon", true)))), s, 0); // over the channels (ConvNeXt's LayerNorm2d)
            case 10:
            {
                long channels = keepShape ? c : Widths[random.Next(Widths.Length)];
                return (AttributeDraft.Of("Linear", ArgumentDraft.Int(channels), ArgumentDraft.Bool(true, "PerPixel")), new[] { channels, h, w }, 0);
            }

            case 11:
            {
                long size = random.Next(1, 4);
                return random.Next(2) == 0
                    ? (AttributeDraft.Of("AdaptiveAvgPool2d", ArgumentDraft.Int(size)), new[] { c, size, size }, 0)
                    : (AttributeDraft.Of("AdaptiveAvgPool2d", ArgumentDraft.Int(size), ArgumentDraft.Int(1)), new[] { c, size, 1L }, 0);
            }

            case 0:
                return (AttributeDraft.Of("BatchNorm2d", Options(("Epsilon", ArgumentDraft.Double(1e-3, "Epsilon", true)), ("Momentum", ArgumentDraft.Double(0.2, "Momentum", true)))), s, 0);
            case 1:
            {
                int k = keepShape ? 1 + (2 * random.Next(3)) : random.Next(1, (int)Math.Min(Math.Min(h, w), 5) + 1);
                int padding = keepShape ? k / 2 : random.Next(k / 2 + 1);
                int stride = keepShape ? 1 : random.Next(1, 4);
                long channels = keepShape ? c : Widths[random.Next(Widths.Length)];
                var arguments = new List<ArgumentDraft> { ArgumentDraft.Int(channels), ArgumentDraft.Int(k) };
                if (stride != 1 || padding != 0) arguments.Add(ArgumentDraft.Int(stride, random.Next(2) == 0 ? "stride" : null));
                if (padding != 0) arguments.Add(ArgumentDraft.Int(padding, arguments[^1].Name is null ? null : "padding"));
                if (random.Next(5) == 0) arguments.Add(ArgumentDraft.Bool(false, "Bias"));
                long groups = Gcd(c, channels);
                if (random.Next(5) == 0 && groups > 1) arguments.Add(new ArgumentDraft(groups.ToString(CultureInfo.InvariantCulture), ArgumentKind.Int, "Groups", true));
                long Out(long size) => ((size + (2 * padding) - k) / stride) + 1;
                return (AttributeDraft.Of("Conv2d", arguments.ToArray()), new[] { channels, Out(h), Out(w) }, 0);
            }

            case 2:
            {
                string kind = random.Next(2) == 0 ? "MaxPool2d" : "AvgPool2d";
                if (keepShape) return (AttributeDraft.Of(kind, ArgumentDraft.Int(3), ArgumentDraft.Int(1), new ArgumentDraft("1", ArgumentKind.Int, "Padding", true)), s, 0);
                int k = random.Next(1, (int)Math.Min(Math.Min(h, w), 3) + 1);
                int stride = random.Next(3) == 0 ? random.Next(1, 4) : k;
                var arguments = new List<ArgumentDraft> { ArgumentDraft.Int(k) };
                if (stride != k) arguments.Add(ArgumentDraft.Int(stride));
                return (AttributeDraft.Of(kind, arguments.ToArray()), new[] { c, ((h - k) / stride) + 1, ((w - k) / stride) + 1 }, 0);
            }

            case 3:
                return (AttributeDraft.Of("GlobalAveragePool"), new[] { c }, 0);
            case 4:
                return (AttributeDraft.Of("Flatten"), new[] { c * h * w }, 0);
            default:
            {
                var patches = Enumerable.Range(1, 8).Where(p => h % p == 0 && w % p == 0).ToList();
                int patch = patches[random.Next(patches.Count)];
                long dim = Widths[random.Next(Widths.Length)];
                var arguments = random.Next(6) == 0
                    ? new[] { ArgumentDraft.Int(patch) }
                    : new[] { ArgumentDraft.Int(patch), ArgumentDraft.Int(dim, random.Next(2) == 0 ? "dim" : null) };
                if (arguments.Length == 1) dim = PatchifyAttribute.DefaultDim;
                return (AttributeDraft.Of("Patchify", arguments), new[] { (h / patch) * (w / patch), dim }, 0);
            }
        }
    }

    (AttributeDraft, long[], int) Tokens(long[] s, int classTokens, bool keepShape)
    {
        long n = s[0], d = s[1];
        int pick = keepShape ? random.Next(4) : random.Next(11);
        switch (pick)
        {
            case 9 when classTokens == 1:
                return (AttributeDraft.Of("DistillationToken"), new[] { n + 1, d }, 1);
            case 9 or 10:
            {
                long count = random.Next(1, 5);
                return (AttributeDraft.Of("RegisterTokens", ArgumentDraft.Int(count)), new[] { n + count, d }, 0); // not class tokens: pool the mean after them
            }

            case 0:
                return (AttributeDraft.Of("PositionEmbedding", Options(("Dropout", ArgumentDraft.Double(0.1, "Dropout", true)))), s, 0);
            case 1:
                return (Encoder(d), s, 0);
            case 2:
                return (AttributeDraft.Of("Linear", ArgumentDraft.Int(d)), s, 0);
            case 3:
                return (AttributeDraft.Of("LayerNorm", Options(("Epsilon", ArgumentDraft.Double(1e-6, "Epsilon", true)))), s, 0);
            case 4:
                return (AttributeDraft.Of("ClassToken"), new[] { n + 1, d }, 1);
            case 5:
            {
                long features = Widths[random.Next(Widths.Length)];
                return (AttributeDraft.Of("Linear", ArgumentDraft.Int(features)), new[] { n, features }, 0);
            }

            case 6:
                return (AttributeDraft.Of("Flatten"), new[] { n * d }, 0);
            default:
            {
                long classes = random.Next(1, 11);
                var pool = classTokens > 0 && random.Next(3) > 0 ? Pooling.ClassToken : Pooling.Mean;
                var arguments = pool == Pooling.ClassToken && random.Next(2) == 0
                    ? new[] { ArgumentDraft.Int(classes) }
                    : new[] { ArgumentDraft.Int(classes), ArgumentDraft.Enum(pool, "Pool") };
                if (classTokens == 2 && random.Next(2) == 0) arguments = [ArgumentDraft.Int(classes), ArgumentDraft.Bool(true, "Distilled")]; // DeiT's two heads
                return (AttributeDraft.Of("ClassifierHead", arguments), new[] { classes }, 0);
            }
        }
    }

    (AttributeDraft, long[], int) Vector(long[] s, bool keepShape)
    {
        int pick = keepShape ? random.Next(2) : random.Next(4);
        return pick switch
        {
            0 => (AttributeDraft.Of("Linear", ArgumentDraft.Int(s[0]), ArgumentDraft.Bool(random.Next(2) == 0, "Bias")), s, 0),
            1 => (AttributeDraft.Of("LayerNorm"), s, 0),
            2 => (AttributeDraft.Of("Flatten"), s, 0),
            _ => Linear(),
        };

        (AttributeDraft, long[], int) Linear()
        {
            long features = Widths[random.Next(Widths.Length)];
            return (AttributeDraft.Of("Linear", ArgumentDraft.Int(features)), new[] { features }, 0);
        }
    }

    AttributeDraft Encoder(long d)
    {
        var attention = (AttentionKind)random.Next(3);
        var heads = attention == AttentionKind.Split ? Enumerable.Range(1, 8).Where(h => d % h == 0).ToList() : Enumerable.Range(1, 4).ToList();
        var arguments = new List<ArgumentDraft> { ArgumentDraft.Int(random.Next(1, 4), random.Next(3) == 0 ? "layers" : null), ArgumentDraft.Int(heads[random.Next(heads.Count)], random.Next(3) == 0 ? "heads" : null) };
        if (arguments[0].Name is not null && arguments[1].Name is null) arguments[1] = arguments[1] with { Name = "heads" };
        if (attention != AttentionKind.Split || random.Next(3) == 0) arguments.Add(ArgumentDraft.Enum(attention, "Attention"));
        var ratios = new[] { 4.0, 2.0, 1.0, 0.5, 1.5, 0.25 }.Where(r => Math.Abs((d * r) - Math.Round(d * r)) < 1e-9 && d * r >= 1).ToList();
        if (random.Next(3) == 0) arguments.Add(ArgumentDraft.Double(ratios[random.Next(ratios.Count)], "MlpRatio", true));
        if (random.Next(3) == 0) arguments.Add(ArgumentDraft.Enum(Activations[random.Next(Activations.Length)], "Activation"));
        if (random.Next(5) == 0) arguments.Add(ArgumentDraft.Bool(false, "QkvBias"));
        if (random.Next(5) == 0) arguments.Add(ArgumentDraft.Double(1e-5, "NormEpsilon", true));
        if (random.Next(4) == 0) arguments.Add(ArgumentDraft.Enum((FinalNorm)random.Next(3), "FinalNorm"));
        if (random.Next(5) == 0) arguments.Add(ArgumentDraft.Double(Rate(), "Dropout", true));
        if (random.Next(5) == 0) arguments.Add(ArgumentDraft.Double(Rate(), "AttentionDropout", true));
        if (random.Next(5) == 0) arguments.Add(ArgumentDraft.Double(Rate(), "DropPath", true));
        if (random.Next(5) == 0) arguments.Add(ArgumentDraft.Double(1e-5, "LayerScale", true));
        return AttributeDraft.Of("Encoder", arguments.ToArray());
    }

    AttributeDraft AnActivation() => AttributeDraft.Of("Activation", ArgumentDraft.Enum(Activations[random.Next(Activations.Length)]));

    double Rate() => new[] { 0.0, 0.1, 0.5, 0.25 }[random.Next(4)];

    /// <summary>Some of the optional named arguments, each with probability 1/3; no argument list when none.</summary>
    ArgumentDraft[] Options(params (string Name, ArgumentDraft Argument)[] options) =>
        options.Where(_ => random.Next(3) == 0).Select(o => o.Argument).ToArray();

    static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
}

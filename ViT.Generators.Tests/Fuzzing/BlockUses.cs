using System.Globalization;

namespace ViT.Generators.Tests.Fuzzing;

/// <summary>
/// The DSL's blocks as the fuzzer draws them where a shape arrives: a <c>[Block]</c> class after torchvision's and timm's
/// (a BasicBlock with its projection shortcut, squeeze-excitation and token gates, a dense layer, a ConvNeXt block, an
/// MLP block, a residual MLP), its widths constants and <c>In</c> expressions, some layers named or conditional (<c>When</c>),
/// used by <c>[Layer]</c> with values or inlined, by <c>[Residual]</c>, or by <c>[Repeat]</c> with <c>First</c> and a name.
/// The mutations that follow break some of them.
/// </summary>
internal sealed class BlockUses(Random random, Func<string, ModelDraft?> declare)
{
    /// <summary>A use of a new block that fits <paramref name="shape"/> and the shape it gives, or null when no class may be added.</summary>
    public (AttributeDraft Use, long[] Shape)? Use(long[] shape, bool keepShape) => shape.Length switch
    {
        3 => random.Next(keepShape ? 3 : 4) switch
        {
            0 => Gate(shape),
            1 => ConvNeXt(shape),
            2 => Basic(shape, keepShape),
            _ => Dense(shape),
        },
        2 => random.Next(2) == 0 ? Mlp(shape) : TokenGate(shape),
        _ => ResidualMlp(shape),
    };

    (AttributeDraft, long[])? Basic(long[] s, bool keepShape)
    {
        if (Declare("Proj", ["Conv2d(Width, 1, stride: Stride, Bias = false)", "BatchNorm2d"], "const int Width = 8;", "const int Stride = 1;") is not { } projection) return null;
        var block = Declare(
            "Basic",
            [
                "Conv2d(Width, 3, stride: Stride, padding: 1, Bias = false, Name = \"conv1\")", "BatchNorm2d(Name = \"bn1\")", "Activation(Activation.ReLU)",
                "Conv2d(Width, 3, padding: 1, Bias = false, Name = \"conv2\")", "BatchNorm2d(Name = \"bn2\")",
                $"AddInput(typeof({projection.Reference}), \"Width, Stride\", Name = \"downsample\", When = Stride != 1 || In.Channels != Width)",
                "AddInput(When = Stride == 1 && In.Channels == Width)", "Activation(Activation.ReLU)",
            ],
            "const int Width = 8;", "const int Stride = 1;");
        if (block is null) return null;
        long width = keepShape ? s[0] : new long[] { 2, 4, 8 }[random.Next(3)];
        if (keepShape) return (Of($"Layer(typeof({block.Reference}), \"Width: {I(width)}\")"), s);
        int count = random.Next(1, 4);
        long Half(long size) => ((size - 1) / 2) + 1;
        string name = random.Next(2) == 0 ? $", Name = \"layer{I(random.Next(1, 5))}\"" : random.Next(2) == 0 ? ", FirstItemName = \"block1\"" : "";
        return (Of($"Repeat({I(count)}, typeof({block.Reference}), \"{I(width)}\", First = \"Stride: 2\"{name})"), [width, Half(s[1]), Half(s[2])]);
    }

    (AttributeDraft, long[])? Gate(long[] s)
    {
        string[] layers = random.Next(2) == 0
            ? ["AdaptiveAvgPool2d(1, Name = \"avgpool\")", "Conv2d(Squeeze, 1, Name = \"fc1\")", "Activation(Act)", "Conv2d(In.Channels, 1, Name = \"fc2\")", "Activation(Activation.Hardsigmoid)", "MultiplyInput"]
            : ["GlobalAveragePool", "Linear(Squeeze)", "Activation(Act)", "Linear(In.Channels)", "Activation(Activation.Sigmoid)", "MultiplyInput"];
        if (Declare("Squeeze", layers, "const int Squeeze = 4;", "const Activation Act = Activation.ReLU;") is not { } block) return null;
        string values = random.Next(2) == 0 ? $"\"{I(Math.Max(1, s[0] / 2))}, Activation.SiLU\"" : $"\"Act: Activation.ReLU6, Squeeze: {I(Math.Max(1, s[0] / 4))}\"";
        return (Of($"Layer(typeof({block.Reference}), {values})"), s);
    }

    (AttributeDraft, long[])? Dense(long[] s)
    {
        var block = Declare(
            "Dense",
            ["BatchNorm2d(Name = \"norm1\")", "Activation(Activation.ReLU6)", "Conv2d(Growth, 3, padding: 1, Bias = false, Name = \"conv1\")", "ConcatInput"],
            "const int Growth = 4;");
        if (block is null) return null;
        int growth = random.Next(1, 5), count = random.Next(1, 3);
        return (Of($"Repeat({I(count)}, typeof({block.Reference}), \"Growth: {I(growth)}\", FirstItemName = \"denselayer1\")"), [s[0] + (count * growth), s[1], s[2]]);
    }

    (AttributeDraft, long[])? ConvNeXt(long[] s)
    {
        var block = Declare(
            "CNBlock",
            [
                "Conv2d(In.Channels, Kernel, padding: Kernel / 2, Groups = In.Channels)", "LayerNorm(Epsilon = 1e-6)",
                "Linear(Expand * In.Channels, PerPixel = true)", "Activation(Activation.GELUTanh)", "Linear(In.Channels, PerPixel = true)",
                "LayerScale(1e-6, Name = \"layer_scale\")", "AddInput(DropPath = 0.1)",
            ],
            "const int Kernel = 3;", "const int Expand = 4;");
        if (block is null) return null;
        return (Of(random.Next(3) switch
        {
            0 => $"Layer(typeof({block.Reference}), \"Expand: 2\", Inline = true)",
            1 => $"Residual(typeof({block.Reference}), \"{I(1 + (2 * random.Next(2)))}\", DropPath = 0.1)",
            _ => $"Layer(typeof({block.Reference}), Name = \"block\")",
        }), s);
    }

    (AttributeDraft, long[])? Mlp(long[] s)
    {
        var block = Declare(
            "MlpBlock",
            ["LayerNorm(Name = \"norm\")", "Linear(Hidden, Name = \"fc1\")", "Activation(Activation.GELUTanh)", "Linear(In.Dim, Name = \"fc2\")", "LayerScale(1e-5, When = Scaled)", "AddInput"],
            "const int Hidden = 8;", "const bool Scaled = true;");
        if (block is null) return null;
        string values = random.Next(2) == 0 ? $"\"{I(s[1] * 2)}\"" : $"\"Scaled: false, Hidden: {I(s[1])}\"";
        return (Of(random.Next(2) == 0 ? $"Layer(typeof({block.Reference}), {values})" : $"Repeat(2, typeof({block.Reference}), {values}, Name = \"blocks\")"), s);
    }

    (AttributeDraft, long[])? TokenGate(long[] s) =>
        Declare("TokenGate", ["ClassifierHead(In.Dim, Pool = Pooling.Mean)", "Activation(Activation.Hardsigmoid)", "MultiplyInput"]) is { } block
            ? (Of($"Layer(typeof({block.Reference}))"), s)
            : null;

    (AttributeDraft, long[])? ResidualMlp(long[] s)
    {
        var block = Declare(
            "VectorBlock",
            ["Linear(Width)", "Activation(Act, When = UseAct)", "Dropout(0.1)", "Linear(In.Features)", "AddInput"],
            "const int Width = 8;", "const Activation Act = Activation.Hardswish;", "const bool UseAct = true;");
        if (block is null) return null;
        var activations = Enum.GetNames<ViT.Activation>();
        string act = activations[random.Next(activations.Length)];
        return (Of($"Layer(typeof({block.Reference}), \"Width: {I(random.Next(1, 9))}, Act: Activation.{act}, UseAct: {(random.Next(3) > 0 ? "true" : "false")}\")"), s);
    }

    /// <summary>A <c>[Block]</c> class of <paramref name="layers"/> and <paramref name="constants"/>, or null when the case has all the classes it may.</summary>
    ModelDraft? Declare(string name, string[] layers, params string[] constants)
    {
        if (declare(name) is not { } block) return null;
        block.Layers.Add(AttributeDraft.Of("Block"));
        block.Layers.AddRange(layers.Select(Of));
        block.Members.AddRange(constants.Select(c => (0, c)));
        return block;
    }

    /// <summary>An attribute as written, <c>Conv2d(Width, 3, stride: Stride, Bias = false)</c>, split at its top-level commas.</summary>
    static AttributeDraft Of(string text)
    {
        int open = text.IndexOf('(', StringComparison.Ordinal);
        if (open < 0) return new AttributeDraft(text, [], false);
        var arguments = new List<ArgumentDraft>();
        int depth = 0, start = open + 1;
        bool quoted = false;
        for (int i = start; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '"') quoted = !quoted;
            else if (!quoted && c == '(') depth++;
            else if (!quoted && (c == ',' || c == ')') && depth == 0)
            {
                arguments.Add(Argument(text[start..i].Trim()));
                start = i + 1;
            }
            else if (!quoted && c == ')') depth--;
        }

        return new AttributeDraft(text[..open], arguments);
    }

    static ArgumentDraft Argument(string text)
    {
        var kind = text.Contains('"', StringComparison.Ordinal) ? ArgumentKind.String : text.StartsWith("typeof", StringComparison.Ordinal) ? ArgumentKind.Type : ArgumentKind.Int;
        int equals = text.IndexOf(" = ", StringComparison.Ordinal), colon = text.IndexOf(": ", StringComparison.Ordinal);
        if (equals > 0 && !text[..equals].Contains('"', StringComparison.Ordinal)) return new ArgumentDraft(text[(equals + 3)..], kind, text[..equals], IsProperty: true);
        if (colon > 0 && !text[..colon].Contains('"', StringComparison.Ordinal) && !text[..colon].Contains('(', StringComparison.Ordinal)) return new ArgumentDraft(text[(colon + 2)..], kind, text[..colon]);
        return new ArgumentDraft(text, kind);
    }

    static string I(long value) => value.ToString(CultureInfo.InvariantCulture);
}

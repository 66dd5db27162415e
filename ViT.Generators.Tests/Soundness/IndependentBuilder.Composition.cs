using System.Globalization;
using static TorchSharp.torch;

namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// Classes used as layers, as Python builds them: a module constructed at each place with that place's arguments
/// (<c>Bottleneck(inplanes, planes, stride)</c>), sequences of them (<c>_make_layer</c>), and the branches that combine
/// a block's input with what its layers made (torchvision's <c>out += identity</c> with its <c>downsample</c>,
/// squeeze-excitation's <c>scale * input</c>, DenseNet's <c>torch.cat</c>).
/// </summary>
internal sealed partial class IndependentBuilder
{
    readonly Dictionary<string, HashSet<string>> blockInputs = [];

    /// <summary>
    /// The values of <paramref name="model"/>'s constants at a use: the declared ones, then each argument list over them
    /// (a repeat's common values, then its first use's), bound as C# binds a call's arguments: by position, or by name
    /// (a named argument before a positional one must stand in its own position), each constant once, each value
    /// converted to the constant's type as C# converts implicitly.
    /// </summary>
    static Dictionary<string, object> Bind(ModelClass model, IReadOnlyList<IReadOnlyList<(string? Name, object Value)>> lists)
    {
        var values = model.Constants.ToDictionary(c => c.Name, c => c.Value);
        foreach (var list in lists)
        {
            var given = new HashSet<string>();
            bool outOfPosition = false;
            for (int i = 0; i < list.Count; i++)
            {
                var (name, value) = list[i];
                int index = name is null ? i : model.Constants.ToList().FindIndex(c => c.Name == name);
                if (name is null && outOfPosition) throw new BuildFailure(FailureKind.Arguments, $"{model.Name}: a value by position follows one named out of its position");
                if (index < 0) throw new BuildFailure(FailureKind.Arguments, $"{model.Name} has no constant {name}");
                if (index >= model.Constants.Count) throw new BuildFailure(FailureKind.Arguments, $"{model.Name} takes {model.Constants.Count} values, not {list.Count}");
                outOfPosition |= name is not null && index != i;
                var constant = model.Constants[index];
                if (!given.Add(constant.Name)) throw new BuildFailure(FailureKind.Arguments, $"{model.Name}: {constant.Name} is given twice");
                values[constant.Name] = CSharpConstant.Convert(value, constant.Value.GetType(), $"{model.Name}'s {constant.Name}");
            }
        }

        return values;
    }

    /// <summary>The class a <c>typeof</c> argument names.</summary>
    ModelClass Used(Layer layer, int position, string name) =>
        layer.Find(position, name)?.Value is ModelName used && group.Find(used.Name) is { } model
            ? model
            : throw new BuildFailure(FailureKind.Declaration, $"{layer} names no class of this group");

    /// <summary>A use's values, read in the using class's scope.</summary>
    IReadOnlyList<IReadOnlyList<(string? Name, object Value)>> Values(Frame frame, string? arguments)
    {
        if (arguments is null) return [];
        constructs.Add(Construct.BlockValues);
        return [CSharpConstant.Arguments(arguments, frame.Scope)];
    }

    /// <summary>
    /// Runs the class a use names, its weights under <paramref name="statePrefix"/>, and where it holds weights takes
    /// <paramref name="child"/> among <paramref name="taken"/>, the names of its level.
    /// </summary>
    Tensor Use(ModelClass user, ModelClass used, Tensor x, IReadOnlyList<IReadOnlyList<(string? Name, object Value)>> values, string statePrefix, string child, HashSet<string> taken, string path)
    {
        if (used.IsBlock) BlockInput(used, x);
        int keys = stateKeys.Count;
        var y = Run(used, x, values, null, statePrefix, path);
        if (stateKeys.Count > keys && !taken.Add(child)) throw new BuildFailure(FailureKind.Names, $"{user.Name}: two layers with weights are both named {child}; a module holds one child of a name");
        return y;
    }

    /// <summary>
    /// <c>[Layer(typeof(M), "values")]</c>: M built here and its output passed on, its weights under this layer's name;
    /// inlined, M's layers are this class's own (their names and positions continue this class's). <c>[Residual]</c>:
    /// <c>x + drop_path(M(x))</c>, broadcasting as torch does (noted).
    /// </summary>
    Tensor Composed(Frame frame, Layer layer, string? name, Tensor x, string path, bool residual)
    {
        var used = Used(layer, 0, residual ? "block" : "model");
        var values = Values(frame, Text(layer, 1, "arguments"));
        if (!residual && Flag(layer, "Inline", false))
        {
            constructs.Add(Construct.Inline);
            if (used.IsBlock) BlockInput(used, x);
            return Run(used, x, values, frame, "", path);
        }

        string child = Positional(frame, name);
        var y = Use(frame.Class, used, x, values, frame.Prefix + child + ".", child, frame.Taken, path);
        if (!residual) return y;
        double rate = Real(layer, -1, "DropPath", 0);
        if (rate != 0) constructs.Add(Construct.ResidualDropPath);
        var sum = x + DropPath(frame, rate, y);
        if (!Dims(y).SequenceEqual(Dims(x))) Observe(frame.Class, Observation.ResidualBroadcast);
        return sum;
    }

    void BlockInput(ModelClass used, Tensor x)
    {
        var shapes = blockInputs.TryGetValue(used.Name, out var seen) ? seen : blockInputs[used.Name] = [];
        shapes.Add(Format(x));
        if (shapes.Count > 1) constructs.Add(Construct.BlockAtShapes);
    }

    /// <summary>
    /// <c>[Repeat(count, typeof(B), "values", First = "values")]</c>: torchvision's <c>_make_layer</c>, B built
    /// <paramref name="count"/> times in a row, the first with <c>First</c>'s values over the others'. With a Name the uses
    /// form one <c>nn.Sequential</c> of that name, numbered from <c>FirstItemName</c> (its trailing number counting up,
    /// <c>denselayer1</c>, <c>denselayer2</c>); without one they are this class's next positions. No uses is the identity.
    /// </summary>
    Tensor Repeat(Frame frame, Layer layer, string? name, Tensor x, string path)
    {
        int count = Int(layer, 0, "count");
        var used = Used(layer, 1, "block");
        var common = Values(frame, Text(layer, 2, "arguments"));
        var first = Values(frame, Text(layer, -1, "First"));
        string? firstItem = Text(layer, -1, "FirstItemName");
        constructs.Add(name is null ? Construct.RepeatPositions : Construct.RepeatGroup);
        if (first.Count > 0) constructs.Add(Construct.RepeatFirst);
        if (count <= 0) Observe(frame.Class, Observation.Degenerate); // nn.Sequential() of no modules returns its input
        bool counted = name is not null || (firstItem ?? "0") != "0";
        var items = new HashSet<string>();
        for (int j = 0; j < count; j++)
        {
            string item = counted ? ItemName(firstItem ?? "0", j) : (frame.Position + j).ToString(CultureInfo.InvariantCulture);
            if (firstItem is not null) CheckName(frame.Class, item);
            string statePrefix = frame.Prefix + (name is null ? "" : name + ".") + item + ".";
            x = Use(frame.Class, used, x, j == 0 ? [.. common, .. first] : common, statePrefix, item, name is null ? frame.Taken : items, path + j.ToString(CultureInfo.InvariantCulture) + "/");
            trail.Add(path + j.ToString(CultureInfo.InvariantCulture) + " " + Format(x));
        }

        if (name is not null && items.Count > 0) Child(frame, name);
        frame.PositionsTaken = name is not null ? 1 : Math.Max(count, 0);
        return x;
    }

    /// <summary>Use <paramref name="index"/>'s name: the first's trailing number counted up (<c>block1-0</c>, <c>block1-1</c>), or the index after a name without one.</summary>
    static string ItemName(string first, int index)
    {
        int digits = first.Length;
        while (digits > 0 && char.IsAsciiDigit(first[digits - 1])) digits--;
        long start = digits < first.Length ? long.Parse(first[digits..], CultureInfo.InvariantCulture) : 0;
        return first[..digits] + (start + index).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// <c>[AddInput(typeof(Shortcut), "values", DropPath)]</c>: torchvision's <c>out += identity</c>, where the identity is the
    /// class's input, passed through the shortcut (<c>downsample</c>, built with the values in this class's scope) only
    /// where the shapes differ; without a shortcut torch broadcasts what it can (noted), as it does a shortcut of
    /// another shape.
    /// </summary>
    Tensor AddInput(Frame frame, Layer layer, string? name, Tensor x, string path)
    {
        var input = frame.Input;
        var branch = DropPath(frame, Real(layer, -1, "DropPath", 0), x);
        if (Dims(x).SequenceEqual(Dims(input)))
        {
            constructs.Add(Construct.AddInputIdentity);
            return branch + input;
        }

        if (layer.Find(0, "shortcut") is null)
        {
            constructs.Add(Construct.AddInputMissingShortcut);
            Observe(frame.Class, Observation.ResidualBroadcast);
            return branch + input;
        }

        constructs.Add(Construct.AddInputShortcut);
        var tokens = prefix.ToList(); // the shortcut runs on the input, beside the tokens that x carries
        string child = Positional(frame, name);
        var skip = Use(frame.Class, Used(layer, 0, "shortcut"), input, Values(frame, Text(layer, 1, "arguments")), frame.Prefix + child + ".", child, frame.Taken, path);
        prefix.Clear();
        prefix.AddRange(tokens);
        if (!Dims(skip).SequenceEqual(Dims(x)))
        {
            constructs.Add(Construct.AddInputShortcutMismatch);
            Observe(frame.Class, Observation.ResidualBroadcast);
        }

        return branch + skip;
    }

    /// <summary>
    /// <c>[MultiplyInput]</c>: a gate, <c>input * x</c>, as squeeze-excitation writes it: a <c>[C, 1, 1]</c> gate (a 1x1
    /// convolution's) broadcasts over the image, a <c>[C]</c> gate (a Linear's) is viewed as <c>[C, 1, 1]</c> first
    /// (<c>y.view(b, c, 1, 1)</c>), a <c>[D]</c> gate over tokens is one scale per feature for every token
    /// (<c>y.unsqueeze(1)</c>); any other gate torch broadcasts as it can (noted).
    /// </summary>
    Tensor MultiplyInput(Frame frame, Tensor x)
    {
        var input = frame.Input;
        long b = input.shape[0];
        (string kind, Tensor gate) = (input.dim(), x.dim()) switch
        {
            _ when Dims(x).SequenceEqual(Dims(input)) => (Construct.GateSame, x),
            (4, 4) when x.shape[1] == input.shape[1] && x.shape[2] == 1 && x.shape[3] == 1 => (Construct.GateChannels, x),
            (4, 2) => (Construct.GateVector, x.view(b, input.shape[1], 1, 1)),
            (3, 2) when x.shape[1] == input.shape[2] => (Construct.GateTokens, x.unsqueeze(1)),
            (3, 2) => (Construct.GateOther, x.unsqueeze(1)),
            _ => (Construct.GateOther, x),
        };
        constructs.Add(kind);
        var y = input * gate;
        if (kind == Construct.GateOther) Observe(frame.Class, Observation.GateBroadcast);
        return y;
    }

    /// <summary><c>[ConcatInput]</c>: DenseNet's <c>torch.cat([input, x], 1)</c> along the channels (images) or features (tokens, vectors); torch refuses other sizes.</summary>
    Tensor ConcatInput(Frame frame, Tensor x)
    {
        constructs.Add(Construct.Concat);
        return cat([frame.Input, x], frame.Input.dim() == 3 ? 2 : 1);
    }
}

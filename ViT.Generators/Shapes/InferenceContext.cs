using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ViT.Generators.Diagnostics;
using ViT.Generators.Helpers;
using ViT.Generators.Layers;
using ViT.Generators.Parsing;

namespace ViT.Generators.Shapes;

/// <summary>
/// What a layer's <see cref="Layer.Infer"/> may know besides its input: where it stands in the model, its neighbours,
/// the steps so far, and where to report what is wrong. One per layer.
/// </summary>
public sealed class InferenceContext
{
    readonly ModelSpec spec;
    readonly IReadOnlyList<LayerStep> steps;
    readonly List<ShapeViolation> violations;

    internal InferenceContext(ModelSpec spec, int layerIndex, IReadOnlyList<LayerStep> steps, int classTokens, List<ShapeViolation> violations)
    {
        this.spec = spec;
        this.steps = steps;
        this.violations = violations;
        LayerIndex = layerIndex;
        ClassTokens = classTokens;
    }

    /// <summary>Index of the layer in <c>ModelSpec.Layers</c>.</summary>
    public int LayerIndex { get; }

    /// <summary>How many leading tokens of the input are class tokens (0 unless a <c>[ClassToken]</c> came before).</summary>
    public int ClassTokens { get; }

    /// <summary>The model's initialisation scheme.</summary>
    public Shared.Initialization Initialization => spec.Initialization;

    /// <summary>The layer before this one, or null.</summary>
    public Layer? Previous => LayerIndex > 0 ? spec.Layers[LayerIndex - 1] : null;

    /// <summary>The layer after this one, or null.</summary>
    public Layer? Next => LayerIndex + 1 < spec.Layers.Count ? spec.Layers[LayerIndex + 1] : null;

    /// <summary>The layers before this one.</summary>
    public IEnumerable<Layer> Earlier => spec.Layers.Take(LayerIndex);

    /// <summary>Whether this layer broke an error-level constraint.</summary>
    public bool Failed { get; private set; }

    /// <summary>The name <c>nn.Sequential</c> would give the layer: its position after <c>[Input]</c>, from 0.</summary>
    public string SequentialName => (LayerIndex - 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// timm's name for a ViT part (<c>patch_embed</c>) when this is the first layer of its kind; a later one of the
    /// same kind gets its position as a suffix (<c>patch_embed_5</c>), so that names never collide.
    /// </summary>
    public string TimmName(string name)
    {
        var kind = spec.Layers[LayerIndex].GetType();
        return Earlier.Any(l => l.GetType() == kind) ? name + "_" + SequentialName : name;
    }

    /// <summary>Reports an error at <paramref name="argument"/> of this layer's attribute (or at the whole attribute when null).</summary>
    public ShapeViolation Error(string id, string? argument, string message) => Report(new ShapeViolation(id, LayerIndex, argument, message));

    /// <summary>Reports a warning: the model runs, but is probably not what was meant.</summary>
    public ShapeViolation Warning(string id, string? argument, string message) => Report(new ShapeViolation(id, LayerIndex, argument, message) { IsWarning = true });

    /// <summary>Reports <paramref name="violation"/> (built with its choices or insertion) as it is.</summary>
    public ShapeViolation Report(ShapeViolation violation)
    {
        violations.Add(violation);
        if (!violation.IsWarning) Failed = true;
        return violation;
    }

    /// <summary>
    /// Checks that the input has one of the <paramref name="ranks"/> this layer takes. Otherwise reports VIT0001 when
    /// nothing came before it (the model does not start with <c>[Input]</c>), or VIT0007 with <paramref name="fix"/>
    /// and, when given, the attribute whose insertion mends it.
    /// </summary>
    public bool RequireRank(Shape input, string fix, LayerInsertion? insert, params int[] ranks)
    {
        string name = spec.Layers[LayerIndex].AttributeName;
        if (input.Rank == 0)
        {
            Error(DiagnosticIds.InputMissingOrNotFirst, null, $"The first layer must be [Input(channels, height, width)], not [{name}]");
            return false;
        }

        if (ranks.Contains(input.Rank)) return true;
        string takes = string.Join(" or ", ranks.Select(Shape.KindOf));
        Report(new ShapeViolation(DiagnosticIds.LayerOutOfOrder, LayerIndex, null, $"[{name}] takes {takes} but receives {input.Described}; {fix}") { Insert = insert });
        return false;
    }

    /// <summary>Checks that <paramref name="value"/> is positive (VIT0002).</summary>
    public bool Positive(string argument, long value)
    {
        if (value > 0) return true;
        Error(DiagnosticIds.NonPositiveSize, argument, System.FormattableString.Invariant($"{argument} is {value}; it must be a positive number"));
        return false;
    }

    /// <summary>Checks that a dropout rate lies in [0, 1) (VIT0011).</summary>
    public bool Rate(string argument, double value)
    {
        if (value >= 0 && value < 1) return true;
        Error(DiagnosticIds.RateOutOfRange, argument, $"{argument} is {Fmt(value)}; a dropout rate lies in [0, 1), such as 0.1");
        return false;
    }

    /// <summary>Checks that an enum argument holds a value the enum defines (VIT0016), as <c>(Pooling)42</c> does not.</summary>
    public bool Defined<T>(string argument, T value)
        where T : struct, System.Enum
    {
        if (System.Enum.IsDefined(typeof(T), value)) return true;
        Error(DiagnosticIds.UnknownOption, argument, $"{argument} = {System.Convert.ToInt32(value, CultureInfo.InvariantCulture)} is not a defined {typeof(T).Name}; use one of {string.Join(", ", System.Enum.GetNames(typeof(T)))}");
        return false;
    }

    /// <summary>Checks that a normalisation epsilon is positive and small (VIT0011).</summary>
    public bool Epsilon(string argument, double value, string usual)
    {
        if (value > 0 && value <= 1) return true;
        Error(DiagnosticIds.RateOutOfRange, argument, $"{argument} {Fmt(value)} must be positive and small; use {usual}");
        return false;
    }

    /// <summary>
    /// How one spatial size developed up to this layer, ending in <paramref name="next"/>: <c>28→14→7→3→1→0</c>.
    /// <paramref name="axis"/> is 1 for the height, 2 for the width.
    /// </summary>
    public string SizeTrail(int axis, long next)
    {
        var sizes = new List<long>();
        foreach (var shape in steps.Select(s => s.Output).Where(s => s.IsImage))
        {
            if (sizes.Count == 0 || sizes[sizes.Count - 1] != shape[axis]) sizes.Add(shape[axis]);
        }

        sizes.Add(next);
        return string.Join("→", sizes.Select(s => s.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>A step that is one row of the summary.</summary>
    public LayerStep Step(Layer resolved, string name, Shape input, Shape output, string type, long parameters, long flops = 0, long? activations = null) =>
        Step(resolved, name, input, output, parameters, flops, activations ?? output.Elements, new[] { new SummaryRow(name, type, output, parameters) });

    /// <summary>A step with its own rows (an encoder's blocks, a composed model's layers).</summary>
    public LayerStep Step(Layer resolved, string name, Shape input, Shape output, long parameters, long flops, long activations, IEnumerable<SummaryRow> rows) =>
        new(resolved with { AttributeIndex = spec.Layers[LayerIndex].AttributeIndex }, LayerIndex, name, input, output, parameters, flops, activations, rows.ToEquatableArray());

    static string Fmt(double value) => value.ToString(CultureInfo.InvariantCulture);
}

using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ViT.Generators.Composition;
using ViT.Generators.Diagnostics;
using ViT.Generators.Helpers;
using ViT.Generators.Layers;
using ViT.Generators.Specs;

namespace ViT.Generators.Shapes;

/// <summary>
/// What a layer's <see cref="Layer.Infer"/> may know besides its input: where it stands in its class, its neighbours,
/// the steps so far, the shape the class received, the session that infers the classes it uses, and where to report
/// what is wrong. One per layer.
/// </summary>
public sealed class InferenceContext
{
    readonly IReadOnlyList<Layer> layers;
    readonly IReadOnlyList<LayerStep> steps;
    readonly List<ShapeViolation> violations;

    internal InferenceContext(ModelSpec spec, IReadOnlyList<Layer> layers, int layerIndex, IReadOnlyList<LayerStep> steps, PrefixTokens prefix, Shape classInput, int position, InferenceSession session, List<ShapeViolation> violations, int usesBefore = 0, Shared.Initialization? initialization = null)
    {
        UsesBefore = usesBefore;
        Initialization = initialization ?? spec.Initialization;
        Spec = spec;
        this.layers = layers;
        this.steps = steps;
        this.violations = violations;
        LayerIndex = layerIndex;
        Prefix = prefix;
        ClassInput = classInput;
        Position = position;
        Session = session;
    }

    /// <summary>The class the layer is in.</summary>
    public ModelSpec Spec { get; }

    /// <summary>Index of the layer among its class's layers at this use.</summary>
    public int LayerIndex { get; }

    /// <summary>The attribute that declared the layer (index in the class's attributes).</summary>
    public int AttributeIndex => layers[LayerIndex].AttributeIndex;

    /// <summary>The leading tokens of the input that are not patches (class, distillation, register tokens).</summary>
    public PrefixTokens Prefix { get; }

    /// <summary>The shape the class received (what <c>[AddInput]</c> and its kin combine with), or none before <c>[Input]</c>.</summary>
    public Shape ClassInput { get; }

    /// <summary>The layer's position in <c>nn.Sequential</c>'s numbering: the positions the layers before it took.</summary>
    public int Position { get; }

    /// <summary>Infers the classes that layers use, once per class, shape and values.</summary>
    public InferenceSession Session { get; }

    /// <summary>Uses of other classes the class's layers before this one counted, all the way down.</summary>
    public int UsesBefore { get; }

    /// <summary>Uses of other classes the layer's step counts, all the way down (set by composing layers).</summary>
    public int Uses { get; set; }

    /// <summary>How many levels of used classes lie below the layer's step (set by composing layers).</summary>
    public int Depth { get; set; }

    /// <summary>The class's initialisation scheme at this use (a block without its own <c>[Initialize]</c> follows its user's).</summary>
    public Shared.Initialization Initialization { get; }

    /// <summary>The layer before this one, or null.</summary>
    public Layer? Previous => LayerIndex > 0 ? layers[LayerIndex - 1] : null;

    /// <summary>The layer after this one, or null.</summary>
    public Layer? Next => LayerIndex + 1 < layers.Count ? layers[LayerIndex + 1] : null;

    /// <summary>The layers before this one.</summary>
    public IEnumerable<Layer> Earlier => layers.Take(LayerIndex);

    /// <summary>Whether this layer broke an error-level constraint.</summary>
    public bool Failed { get; private set; }

    /// <summary>The layer's state-dict name: the one its attribute gives, else its position, as <c>nn.Sequential</c> names it.</summary>
    public string SequentialName => layers[LayerIndex].DeclaredName ?? Position.ToString(CultureInfo.InvariantCulture);

    /// <summary>The layer's position as a name, whatever its attribute says (for a step that holds no weights of its own).</summary>
    public string PositionName => Position.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// timm's name for a ViT part (<c>patch_embed</c>) unless the attribute gives one, when this is the first layer of
    /// its kind; a later one of the same kind gets its position as a suffix (<c>patch_embed_5</c>), so that names never collide.
    /// </summary>
    public string TimmName(string name)
    {
        var layer = layers[LayerIndex];
        if (layer.DeclaredName is { } declared) return declared;
        return Earlier.Any(l => l.GetType() == layer.GetType()) ? name + "_" + Position.ToString(CultureInfo.InvariantCulture) : name;
    }

    /// <summary>
    /// A context for layer <paramref name="index"/> of <paramref name="inner"/>, a sequence inside this layer (the uses of
    /// a <c>[Repeat]</c>): the same class, session and reports, its own steps so far and position.
    /// </summary>
    public InferenceContext Nested(IReadOnlyList<Layer> inner, int index, IReadOnlyList<LayerStep> innerSteps, PrefixTokens prefix, int position) =>
        new(Spec, inner, index, innerSteps, prefix, ClassInput, position, Session, violations, UsesBefore + Uses, Initialization);

    /// <summary>The attribute index of layer <paramref name="layerIndex"/> of this class, or of the class when out of range.</summary>
    public int AttributeOf(int layerIndex) => layerIndex >= 0 && layerIndex < layers.Count ? layers[layerIndex].AttributeIndex : -1;

    /// <summary>A violation at <paramref name="argument"/> of this layer's attribute, to be completed (choices, insertion) and reported.</summary>
    public ShapeViolation Violation(string id, string? argument, string message) => new(id, AttributeIndex, argument, message);

    /// <summary>Reports an error at <paramref name="argument"/> of this layer's attribute (or at the whole attribute when null).</summary>
    public ShapeViolation Error(string id, string? argument, string message) => Report(Violation(id, argument, message));

    /// <summary>Reports a warning: the model runs, but is probably not what was meant.</summary>
    public ShapeViolation Warning(string id, string? argument, string message) => Report(Violation(id, argument, message) with { IsWarning = true });

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
        string name = layers[LayerIndex].AttributeName;
        if (input.Rank == 0)
        {
            Error(DiagnosticIds.InputMissingOrNotFirst, null, $"The first layer must be [Input(channels, height, width)], not [{name}]");
            return false;
        }

        if (ranks.Contains(input.Rank)) return true;
        string takes = string.Join(" or ", ranks.Select(Shape.KindOf));
        Report(Violation(DiagnosticIds.LayerOutOfOrder, null, $"[{name}] takes {takes} but receives {input.Described}; {fix}") with { Insert = insert });
        return false;
    }

    /// <summary>Checks that <paramref name="value"/> is positive (VIT0002).</summary>
    public bool Positive(string argument, long value)
    {
        if (value > 0) return true;
        Error(DiagnosticIds.NonPositiveSize, argument, System.FormattableString.Invariant($"{argument} is {value}; it must be a positive number"));
        return false;
    }

    /// <summary>Checks that a dropout or drop-path rate lies in [0, 1) (VIT0011).</summary>
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
        if (ClassInput.IsImage) sizes.Add(ClassInput[axis]);
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
        new(resolved with { AttributeIndex = layers[LayerIndex].AttributeIndex, DeclaredName = layers[LayerIndex].DeclaredName }, LayerIndex, name, input, output, parameters, flops, activations, rows.ToEquatableArray());

    static string Fmt(double value) => value.ToString(CultureInfo.InvariantCulture);
}

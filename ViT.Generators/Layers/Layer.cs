using System.Linq;
using ViT.Generators.Emit;
using ViT.Generators.Helpers;
using ViT.Generators.Shapes;

namespace ViT.Generators.Layers;

/// <summary>
/// One layer of the algebra, as its attribute declared it at one use of its class: plain values only, equatable, so that
/// the generator's pipeline can cache it. Each kind is one unit (its own file or folder) that knows everything about
/// itself: how its attribute is read (a static <c>Read</c>, registered in <see cref="LayerCatalog"/>), what it accepts and
/// produces (<see cref="Infer"/>: constraints with the numbers and the fix, parameters, names), and the code it writes
/// (the <c>Emit*</c> methods, which the emitter calls for every step of the trace, in order).
/// </summary>
public abstract record Layer
{
    /// <summary>
    /// Index of the attribute that declared this layer in the class's <c>GetAttributes()</c>, so that an analyzer can
    /// place a violation on it; the layers of one <c>[VisionTransformer]</c> or <c>[Repeat]</c> share its index.
    /// </summary>
    public int AttributeIndex { get; init; }

    /// <summary>The state-dict name the attribute gave (<c>Name = "conv1"</c>), or null for the default.</summary>
    public string? DeclaredName { get; init; }

    /// <summary>The attribute's short name, for example <c>Conv2d</c>.</summary>
    public abstract string AttributeName { get; }

    /// <summary>How many positions of <c>nn.Sequential</c>'s numbering the layer takes: 1, none for <c>[Input]</c>, all of an inlined class's.</summary>
    public virtual int Positions => 1;

    /// <summary>Whether the layer combines with the input of the class it is in (<c>[AddInput]</c> and its kin).</summary>
    public virtual bool UsesInput => false;

    /// <summary>The traces of the block uses this (resolved) layer writes a module class for: one per specialised use.</summary>
    public virtual System.Collections.Generic.IEnumerable<ShapeTrace> Modules => System.Array.Empty<ShapeTrace>();

    /// <summary>
    /// The shape rule: checks that the layer accepts <paramref name="input"/> (reporting what does not hold through
    /// <paramref name="context"/>) and returns the step it takes, with the layer resolved against its input (inferred
    /// widths filled in). Returns null when a constraint is broken. Never throws.
    /// </summary>
    public abstract LayerStep? Infer(Shape input, InferenceContext context);

    /// <summary>
    /// <paramref name="step"/>, this layer's, as if written <paramref name="offset"/> positions later (where an inlined
    /// class's layers land, as Python's <c>layers += block_layers</c> numbers them): a name that is a position moves, with
    /// the rows under it; a name the user gave stays. A layer that holds position-named layers moves them too.
    /// </summary>
    public virtual LayerStep MovedBy(LayerStep step, int offset)
    {
        if (DeclaredName is not null || !int.TryParse(step.Name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int position)) return step;
        string name = (position + offset).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var rows = step.Rows.Select(r => r with { Name = r.Name == step.Name ? name : r.Name.StartsWith(step.Name + ".", System.StringComparison.Ordinal) ? name + r.Name.Substring(step.Name.Length) : r.Name });
        return step with { Name = name, Rows = rows.ToEquatableArray() };
    }

    /// <summary>The leading tokens of the output that are not patches (class, distillation, register tokens), given those of the input.</summary>
    public virtual PrefixTokens PrefixAfter(PrefixTokens before, Shape input, Shape output) =>
        input.IsTokens && output.IsTokens && input[0] == output[0] ? before : PrefixTokens.None;

    /// <summary>Fields of the module class (their names are state-dict names).</summary>
    public virtual void EmitFields(LayerStep step, EmitScope scope) { }

    /// <summary>Constructor lines that create the fields.</summary>
    public virtual void EmitConstruction(LayerStep step, EmitScope scope) { }

    /// <summary>Forward lines: <c>x</c> in, <c>x</c> out, the shape of every intermediate in a comment.</summary>
    public abstract void EmitForward(LayerStep step, EmitScope scope);

    /// <summary>Initialisation lines, run once after the constructor has created every field.</summary>
    public virtual void EmitInitialization(LayerStep step, EmitScope scope) { }

    /// <summary>
    /// ONNX lines: the value <c>x</c> in, <c>x</c> out, one node (or a small group) per line through the graph
    /// <c>onnx</c>, with the layer's state-dict names under <c>prefix</c> (see <see cref="OnnxCode"/>) and the same shape
    /// comments as the forward; what the forward does, in inference form (dropout left out).
    /// </summary>
    public abstract void EmitOnnx(LayerStep step, EmitScope scope);

    /// <summary>Nested module classes the fields are made of.</summary>
    public virtual void EmitTypes(LayerStep step, EmitScope scope) { }

    /// <summary>
    /// The PyTorch twin's <c>__init__</c> lines: the layer's modules and parameters under its state-dict names, through
    /// <see cref="PythonScope.AddModule"/> and <see cref="PythonScope.AddParameter"/>.
    /// </summary>
    public virtual void EmitPythonInit(LayerStep step, PythonScope scope) { }

    /// <summary>The PyTorch twin's forward lines: what <see cref="EmitForward"/> writes, in PyTorch, with the same shape comments.</summary>
    public abstract void EmitPythonForward(LayerStep step, PythonScope scope);

    /// <summary>The PyTorch twin's initialisation lines (run under <c>torch.no_grad()</c>): what <see cref="EmitInitialization"/> does.</summary>
    public virtual void EmitPythonInitialization(LayerStep step, PythonScope scope) { }
}

using ViT.Generators.Emit;
using ViT.Generators.Shapes;

namespace ViT.Generators.Layers;

/// <summary>
/// One layer of the algebra, as its attribute declared it: plain values only, equatable, so that the generator's
/// pipeline can cache it. Each kind is one unit (its own file or folder) that knows everything about itself: how its
/// attribute is read (a static <c>Read</c>, registered in <see cref="LayerCatalog"/>), what it accepts and produces
/// (<see cref="Infer"/>: constraints with the numbers and the fix, parameters, names), and the code it writes
/// (the <c>Emit*</c> methods, which the <see cref="ModelEmitter"/> calls for every step of the trace, in order).
/// </summary>
public abstract record Layer
{
    /// <summary>
    /// Index of the attribute that declared this layer in the class's <c>GetAttributes()</c>, so that an analyzer can
    /// place a violation on it; the layers of one <c>[VisionTransformer]</c> share its index.
    /// </summary>
    public int AttributeIndex { get; init; }

    /// <summary>The attribute's short name, for example <c>Conv2d</c>.</summary>
    public abstract string AttributeName { get; }

    /// <summary>
    /// The shape rule: checks that the layer accepts <paramref name="input"/> (reporting what does not hold through
    /// <paramref name="context"/>) and returns the step it takes, with the layer resolved against its input (inferred
    /// widths filled in). Returns null when a constraint is broken. Never throws.
    /// </summary>
    public abstract LayerStep? Infer(Shape input, InferenceContext context);

    /// <summary>How many leading tokens of the output are class tokens, given how many the input had.</summary>
    public virtual int ClassTokensAfter(int classTokensBefore, Shape input, Shape output) =>
        input.IsTokens && output.IsTokens && input[0] == output[0] ? classTokensBefore : 0;

    /// <summary>Fields of the model class (their names are state-dict names).</summary>
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
}

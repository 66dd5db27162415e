using System.Linq;
using ViT.Generators.Diagnostics;
using ViT.Generators.Emit;
using ViT.Generators.Parsing;
using ViT.Generators.Shapes;

namespace ViT.Generators.Layers.Branches;

/// <summary>
/// <c>[MultiplyInput]</c>: a gate inside a block, <c>input * x</c>. What the layers made must broadcast over the block's
/// input: <c>[C, 1, 1]</c> or <c>[C]</c> over an image <c>[C, H, W]</c> (squeeze-excitation), <c>[D]</c> over tokens, or the
/// input's own shape. Gives the input's shape.
/// </summary>
public sealed record MultiplyInputLayer : Layer
{
    public override string AttributeName => "MultiplyInput";

    public override bool UsesInput => true;

    public static Layer Read(AttributeArguments a) => new MultiplyInputLayer();

    public override LayerStep? Infer(Shape input, InferenceContext context)
    {
        if (!context.RequireRank(input, "", null, 1, 2, 3)) return null;
        var received = context.ClassInput;
        bool fits = input.Equals(received)
            || (received.IsImage && (input.Equals(Shape.Of(received[0], 1, 1)) || input.Equals(Shape.Of(received[0]))))
            || (received.IsTokens && input.Equals(Shape.Of(received[1])));
        if (!fits)
        {
            string gate = received.IsImage ? $"[{received[0]}, 1, 1] (as squeeze-excitation: [AdaptiveAvgPool2d(1)], ..., [Conv2d(In.Channels, 1)], a sigmoid)" : received.IsTokens ? $"[{received[1]}]" : received.ToString();
            context.Error(DiagnosticIds.BranchShapesDisagree, null, $"[MultiplyInput] scales {context.Spec.ClassName}'s input {received} by what its layers made, {input}, which does not broadcast over it; make the layers end in {gate}");
            return null;
        }

        return context.Step(this, context.SequentialName, input, received, "input * x (gate)", parameters: 0, activations: received.Elements);
    }

    /// <summary>The gate as it multiplies the batched input: <c>[B, C]</c> seen as <c>[B, C, 1, 1]</c> over an image, <c>[B, D]</c> as <c>[B, 1, D]</c> over tokens.</summary>
    static long[]? GateShape(LayerStep step) => !step.Input.IsVector ? null
        : step.Output.IsImage ? new[] { step.Input[0], 1, 1 }
        : step.Output.IsTokens ? new[] { 1, step.Input[0] }
        : null;

    public override void EmitForward(LayerStep step, EmitScope scope)
    {
        string gate = GateShape(step) is { } shape ? $"x.reshape(-1, {string.Join(", ", shape.Select(Fmt.I))})" : "x";
        scope.Code.Line($"x = {scope.Input} * {gate};", step.Output.Batched + " (input * gate)");
    }

    public override void EmitOnnx(LayerStep step, EmitScope scope)
    {
        string gate = GateShape(step) is { } shape ? $"onnx.Reshape(x, 0, {string.Join(", ", shape.Select(Fmt.I))})" : "x";
        scope.Code.Line($"x = onnx.Mul({scope.Input}, {gate});", step.Output.Batched);
    }

    public override void EmitPythonForward(LayerStep step, PythonScope scope)
    {
        string gate = GateShape(step) is { } shape ? $"x.reshape(-1, {string.Join(", ", shape.Select(Fmt.I))})" : "x";
        scope.Code.Line($"x = {scope.Input} * {gate}", step.Output.Batched + " (input * gate)");
    }
}

using ViT.Generators.Diagnostics;
using ViT.Generators.Emit;
using ViT.Generators.Parsing;
using ViT.Generators.Shapes;
using static ViT.Generators.Emit.TorchNames;

namespace ViT.Generators.Layers.Branches;

/// <summary>
/// <c>[ConcatInput]</c>: dense connectivity inside a block, the block's input followed by what its layers made, along
/// the channels (images: <c>[C, H, W]</c> and <c>[G, H, W]</c> give <c>[C + G, H, W]</c>) or the features (tokens, vectors).
/// </summary>
public sealed record ConcatInputLayer : Layer
{
    public override string AttributeName => "ConcatInput";

    public override bool UsesInput => true;

    public static Layer Read(AttributeArguments a) => new ConcatInputLayer();

    public override LayerStep? Infer(Shape input, InferenceContext context)
    {
        if (!context.RequireRank(input, "", null, 1, 2, 3)) return null;
        var received = context.ClassInput;
        bool fits = received.Rank == input.Rank && (input.IsImage ? input[1] == received[1] && input[2] == received[2] : !input.IsTokens || input[0] == received[0]);
        if (!fits)
        {
            string keep = received.IsImage ? $"the size {received[1]}x{received[2]}" : received.IsTokens ? $"{received[0]} tokens" : "a vector";
            context.Error(DiagnosticIds.BranchShapesDisagree, null, $"[ConcatInput] joins {context.Spec.ClassName}'s input {received} and what its layers made, {input}, along the {(received.IsImage ? "channels" : "features")}, so both need {keep}; make the layers keep it (padding, stride 1)");
            return null;
        }

        var output = input.IsImage ? Shape.Of(received[0] + input[0], input[1], input[2]) : input.IsTokens ? Shape.Of(input[0], received[1] + input[1]) : Shape.Of(received[0] + input[0]);
        return context.Step(this, context.SequentialName, input, output, "cat(input, x)", parameters: 0);
    }

    /// <summary>The batched tensor's axis of the channels or features: 1 for images and vectors, 2 for tokens.</summary>
    static int Axis(Shape shape) => shape.IsTokens ? 2 : 1;

    public override void EmitForward(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"x = {Torch}.cat(new[] {{ {scope.Input}, x }}, dim: {Fmt.I(Axis(step.Input))});", step.Output.Batched + " (cat(input, x))");

    public override void EmitOnnx(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"x = onnx.Concat({Fmt.I(Axis(step.Input))}, {scope.Input}, x);", step.Output.Batched);

    public override void EmitPythonForward(LayerStep step, PythonScope scope) =>
        scope.Code.Line($"x = torch.cat(({scope.Input}, x), dim={Fmt.I(Axis(step.Input))})", step.Output.Batched + " (cat(input, x))");
}

using ViT.Generators.Emit;
using ViT.Generators.Helpers;
using ViT.Generators.Parsing;
using ViT.Generators.Shapes;
using static ViT.Generators.Emit.TorchNames;

namespace ViT.Generators.Layers;

/// <summary>
/// <c>[LayerScale(init)]</c>: a learned scale per channel (torchvision's ConvNeXt <c>layer_scale</c>, <c>[C, 1, 1]</c> on
/// an image) or per feature (tokens, vectors), started at <see cref="Init"/>. Same shape out; the weight's state-dict
/// name is the layer's own.
/// </summary>
public sealed record LayerScaleLayer(double Init) : Layer
{
    public override string AttributeName => "LayerScale";

    public static Layer Read(AttributeArguments a) => a.Double("init") is double init ? new LayerScaleLayer(init) : new UnreadableLayer(a.AttributeName);

    public override LayerStep? Infer(Shape input, InferenceContext context)
    {
        if (!context.RequireRank(input, "", null, 1, 2, 3)) return null;
        if (double.IsNaN(Init) || double.IsInfinity(Init))
        {
            context.Error(Diagnostics.DiagnosticIds.RateOutOfRange, "init", $"init is {Fmt.D(Init)}; start the scale at a small number, such as 1e-6");
            return null;
        }

        long width = input.IsImage ? input[0] : input[input.Rank - 1];
        return context.Step(this, context.SequentialName, input, input, $"Layer scale (init {Fmt.D(Init)})", parameters: width, flops: 0);
    }

    /// <summary>The weight's shape: <c>[C, 1, 1]</c> on an image, as torchvision's; the width otherwise, as timm's <c>gamma</c>.</summary>
    static long[] Shape(LayerStep step) => step.Input.IsImage ? new[] { step.Input[0], 1L, 1L } : new[] { step.Input[step.Input.Rank - 1] };

    public override void EmitFields(LayerStep step, EmitScope scope) => scope.DeclareField(step, Parameter, "scale");

    public override void EmitConstruction(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"{scope.Field(step, "scale")} = new {Parameter}({Torch}.full(new long[] {{ {Fmt.Args(Shape(step))} }}, {Fmt.D(Init)}, dtype: {Torch}.float32));");

    public override void EmitForward(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"x = x * {scope.Field(step, "scale")};", step.Output.Batched);

    public override void EmitOnnx(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"x = onnx.Mul(x, onnx.Parameter({OnnxCode.Name(step.Name)}));", step.Output.Batched);

    public override void EmitPythonInit(LayerStep step, PythonScope scope) =>
        scope.AddParameter(step, $"nn.Parameter(torch.full({Python.Tuple(Shape(step))}, {Python.Float(Init)}))");

    public override void EmitPythonForward(LayerStep step, PythonScope scope) => scope.Code.Line($"x = x * {scope.Parameter(step)}", step.Output.Batched);
}

using ViT.Generators.Emit;
using ViT.Generators.Helpers;
using ViT.Generators.Parsing;
using ViT.Generators.Shapes;
using ViT.Generators.Shared;
using static ViT.Generators.Emit.TorchNames;

namespace ViT.Generators.Layers;

/// <summary><c>[LayerNorm]</c>: PyTorch's <c>nn.LayerNorm</c> over the last dimension (a scale and shift per feature). <c>[F]</c> → <c>[F]</c>, <c>[N, D]</c> → <c>[N, D]</c>.</summary>
public sealed record LayerNormLayer(double Epsilon) : Layer
{
    static readonly LayerNormAttribute Defaults = new();

    public override string AttributeName => "LayerNorm";

    public static Layer Read(AttributeArguments a) => new LayerNormLayer(a.Double(nameof(LayerNormAttribute.Epsilon)) ?? Defaults.Epsilon);

    public override LayerStep? Infer(Shape input, InferenceContext context)
    {
        if (!context.RequireRank(input, "on images use [BatchNorm2d]", null, 1, 2)) return null;
        if (!context.Epsilon(nameof(Epsilon), Epsilon, "1e-5 (PyTorch) or 1e-6 (timm)")) return null;
        return context.Step(this, context.SequentialName, input, input, "LayerNorm", parameters: Sizes.Mul(2, input[input.Rank - 1]));
    }

    public override void EmitFields(LayerStep step, EmitScope scope) => scope.DeclareField(step, $"{M}.LayerNorm", "ln");

    public override void EmitConstruction(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"{scope.Field(step, "ln")} = {Nn}.LayerNorm({Fmt.I(step.Input[step.Input.Rank - 1])}, eps: {Fmt.D(Epsilon)});");

    public override void EmitForward(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"x = {scope.Field(step, "ln")}.forward(x);", step.Output.Batched);

    public override void EmitOnnx(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"x = onnx.LayerNormalization(x, {OnnxCode.Name(step.Name)}, epsilon: {Fmt.D(Epsilon)});", step.Output.Batched);
}

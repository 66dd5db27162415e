using ViT.Generators.Emit;
using ViT.Generators.Helpers;
using ViT.Generators.Parsing;
using ViT.Generators.Shapes;
using ViT.Generators.Shared;
using static ViT.Generators.Emit.TorchNames;

namespace ViT.Generators.Layers;

/// <summary>
/// <c>[LayerNorm]</c>: PyTorch's <c>nn.LayerNorm</c> over the features (a scale and shift per feature). <c>[F]</c> → <c>[F]</c>,
/// <c>[N, D]</c> → <c>[N, D]</c>; on an image over the channels of every pixel, as ConvNeXt's <c>LayerNorm2d</c>:
/// <c>[C, H, W]</c> → <c>[C, H, W]</c>.
/// </summary>
public sealed record LayerNormLayer(double Epsilon) : Layer
{
    static readonly LayerNormAttribute Defaults = new();

    public override string AttributeName => "LayerNorm";

    public static Layer Read(AttributeArguments a) => new LayerNormLayer(a.Double(nameof(LayerNormAttribute.Epsilon)) ?? Defaults.Epsilon);

    public override LayerStep? Infer(Shape input, InferenceContext context)
    {
        if (!context.RequireRank(input, "", null, 1, 2, 3)) return null;
        if (!context.Epsilon(nameof(Epsilon), Epsilon, "1e-5 (PyTorch) or 1e-6 (timm)")) return null;
        string type = input.IsImage ? "LayerNorm over channels (LayerNorm2d)" : "LayerNorm";
        return context.Step(this, context.SequentialName, input, input, type, parameters: Sizes.Mul(2, Features(input)));
    }

    /// <summary>What it normalises over: the channels of an image, the last dimension otherwise.</summary>
    static long Features(Shape shape) => shape.IsImage ? shape[0] : shape[shape.Rank - 1];

    public override void EmitFields(LayerStep step, EmitScope scope) => scope.DeclareField(step, $"{M}.LayerNorm", "ln");

    public override void EmitConstruction(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"{scope.Field(step, "ln")} = {Nn}.LayerNorm({Fmt.I(Features(step.Input))}, eps: {Fmt.D(Epsilon)});");

    public override void EmitForward(LayerStep step, EmitScope scope) =>
        scope.Code.Line(ChannelsLast.Around(step.Input, $"{scope.Field(step, "ln")}.forward"), step.Output.Batched);

    public override void EmitOnnx(LayerStep step, EmitScope scope) =>
        scope.Code.Line(ChannelsLast.OnnxAround(step.Input, v => $"onnx.LayerNormalization({v}, {OnnxCode.Name(step.Name)}, epsilon: {Fmt.D(Epsilon)})"), step.Output.Batched);

    public override void EmitPythonInit(LayerStep step, PythonScope scope) =>
        scope.AddModule(step, $"nn.LayerNorm({Fmt.I(Features(step.Input))}, eps={Python.Float(Epsilon)})");

    public override void EmitPythonForward(LayerStep step, PythonScope scope) =>
        scope.Code.Line(ChannelsLast.Around(step.Input, scope.Module(step), end: ""), step.Output.Batched);
}

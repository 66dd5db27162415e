using ViT.Generators.Diagnostics;
using ViT.Generators.Emit;
using ViT.Generators.Helpers;
using ViT.Generators.Parsing;
using ViT.Generators.Shapes;
using ViT.Generators.Shared;
using static ViT.Generators.Emit.TorchNames;

namespace ViT.Generators.Layers;

/// <summary>
/// <c>[BatchNorm2d]</c>: PyTorch's <c>nn.BatchNorm2d</c> over the incoming channels (a scale and shift per channel, and
/// running statistics as buffers: <c>running_mean</c>, <c>running_var</c>, <c>num_batches_tracked</c>).
/// </summary>
public sealed record BatchNorm2dLayer(double Epsilon, double Momentum) : Layer
{
    static readonly BatchNorm2dAttribute Defaults = new();

    public override string AttributeName => "BatchNorm2d";

    public static Layer Read(AttributeArguments a) => new BatchNorm2dLayer(
        a.Double(nameof(BatchNorm2dAttribute.Epsilon)) ?? Defaults.Epsilon,
        a.Double(nameof(BatchNorm2dAttribute.Momentum)) ?? Defaults.Momentum);

    public override LayerStep? Infer(Shape input, InferenceContext context)
    {
        if (!context.RequireRank(input, "it normalises image channels; on tokens or vectors use [LayerNorm]", null, 3)) return null;
        context.Epsilon(nameof(Epsilon), Epsilon, "1e-5 (PyTorch)");
        if (!(Momentum >= 0 && Momentum <= 1)) context.Error(DiagnosticIds.RateOutOfRange, nameof(Momentum), $"Momentum is {Momentum.ToString(System.Globalization.CultureInfo.InvariantCulture)}; it lies in [0, 1], such as PyTorch's 0.1 (0 keeps the running statistics frozen)");
        if (context.Failed) return null;
        return context.Step(this, context.SequentialName, input, input, "BatchNorm2d", parameters: Sizes.Mul(2, input[0]));
    }

    public override void EmitFields(LayerStep step, EmitScope scope) => scope.DeclareField(step, $"{M}.BatchNorm2d", "bn");

    public override void EmitConstruction(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"{scope.Field(step, "bn")} = {Nn}.BatchNorm2d({Fmt.I(step.Input[0])}, eps: {Fmt.D(Epsilon)}, momentum: {Fmt.D(Momentum)});");

    public override void EmitForward(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"x = {scope.Field(step, "bn")}.forward(x);", step.Output.Batched);

    public override void EmitOnnx(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"x = onnx.BatchNormalization(x, {OnnxCode.Name(step.Name)}, epsilon: {Fmt.D(Epsilon)});", step.Output.Batched + " (running statistics)");

    public override void EmitPythonInit(LayerStep step, PythonScope scope) =>
        scope.AddModule(step, $"nn.BatchNorm2d({Fmt.I(step.Input[0])}, eps={Python.Float(Epsilon)}, momentum={Python.Float(Momentum)})");

    public override void EmitPythonForward(LayerStep step, PythonScope scope) => scope.Code.Line($"x = {scope.Module(step)}(x)", step.Output.Batched);
}

using ViT.Generators.Emit;
using ViT.Generators.Helpers;
using ViT.Generators.Parsing;
using ViT.Generators.Shapes;
using ViT.Generators.Shared;
using static ViT.Generators.Emit.TorchNames;

namespace ViT.Generators.Layers;

/// <summary>
/// <c>[Linear(features)]</c>: PyTorch's <c>nn.Linear</c> with the input width inferred. <c>[F]</c> → <c>[features]</c>; on
/// tokens, per token; with <c>PerPixel</c> on an image, over the channels of every pixel (ConvNeXt's pointwise layers).
/// </summary>
public sealed record LinearLayer(int Features, bool Bias, bool PerPixel) : Layer
{
    static readonly LinearAttribute Defaults = new(1);

    public override string AttributeName => "Linear";

    /// <summary>The input width (set by <see cref="Infer"/>).</summary>
    public long InFeatures { get; init; }

    public static Layer Read(AttributeArguments a) => a.Int("features") is int features
        ? new LinearLayer(features, a.Bool(nameof(LinearAttribute.Bias)) ?? Defaults.Bias, a.Bool(nameof(LinearAttribute.PerPixel)) ?? Defaults.PerPixel)
        : new UnreadableLayer(a.AttributeName);

    public override LayerStep? Infer(Shape input, InferenceContext context)
    {
        string fix = input.IsImage ? $"insert [Flatten] (→ [{input.Elements}]) or [GlobalAveragePool] (→ [{input[0]}]) before it" : "";
        if (!(PerPixel && input.IsImage) && !context.RequireRank(input, fix, new LayerInsertion("Flatten", context.AttributeIndex), 1, 2)) return null;
        if (!context.Positive("features", Features)) return null;
        long inFeatures = input.IsImage ? input[0] : input[input.Rank - 1];
        long rows = input.IsTokens ? input[0] : input.IsImage ? Sizes.Mul(input[1], input[2]) : 1;
        var output = input.IsImage ? Shape.Of(Features, input[1], input[2]) : input.IsTokens ? Shape.Of(input[0], Features) : Shape.Of(Features);
        long weights = Sizes.Mul(inFeatures, Features);
        string type = $"Linear {inFeatures}->{Features}" + (Bias ? "" : " (no bias)") + (input.IsImage ? " per pixel" : "");
        return context.Step(this with { InFeatures = inFeatures }, context.SequentialName, input, output, type,
            parameters: Bias ? Sizes.Add(weights, Features) : weights, flops: Sizes.Mul(2, weights, rows));
    }

    public override void EmitFields(LayerStep step, EmitScope scope) => scope.DeclareField(step, $"{M}.Linear", "fc");

    public override void EmitConstruction(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"{scope.Field(step, "fc")} = {Nn}.Linear({Fmt.I(InFeatures)}, {Fmt.I(Features)}{(Bias ? "" : ", hasBias: false")});");

    public override void EmitForward(LayerStep step, EmitScope scope)
    {
        string linear = $"{Autocast}.Float({Autocast}.Linear({scope.Field(step, "fc")}, x, {scope.Compute}))";
        scope.Code.Line(step.Input.IsImage
            ? $"x = {Autocast}.Float({Autocast}.Linear({scope.Field(step, "fc")}, x.permute(0, 2, 3, 1), {scope.Compute})).permute(0, 3, 1, 2);"
            : $"x = {linear};", step.Output.Batched);
    }

    public override void EmitOnnx(LayerStep step, EmitScope scope) =>
        scope.Code.Line(ChannelsLast.OnnxAround(step.Input, v => $"onnx.Linear({v}, {OnnxCode.Name(step.Name)}{(Bias ? "" : ", bias: false")})"), step.Output.Batched);

    public override void EmitInitialization(LayerStep step, EmitScope scope)
    {
        if (scope.Initialization == Initialization.TruncatedNormal) LinearInit.TruncatedNormal(scope.Code, scope.Field(step, "fc"), Bias);
    }

    public override void EmitPythonInit(LayerStep step, PythonScope scope) =>
        scope.AddModule(step, $"nn.Linear({Fmt.I(InFeatures)}, {Fmt.I(Features)}{(Bias ? "" : ", bias=False")})");

    public override void EmitPythonForward(LayerStep step, PythonScope scope) =>
        scope.Code.Line(ChannelsLast.Around(step.Input, scope.Module(step), end: ""), step.Output.Batched);

    public override void EmitPythonInitialization(LayerStep step, PythonScope scope)
    {
        if (scope.Initialization == Initialization.TruncatedNormal) LinearInit.PythonTruncatedNormal(scope.Code, scope.Module(step), Bias);
    }
}

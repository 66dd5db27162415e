using ViT.Generators.Emit;
using ViT.Generators.Helpers;
using ViT.Generators.Parsing;
using ViT.Generators.Shapes;
using ViT.Generators.Shared;
using static ViT.Generators.Emit.TorchNames;

namespace ViT.Generators.Layers;

/// <summary><c>[Linear(features)]</c>: PyTorch's <c>nn.Linear</c> with the input width inferred. <c>[F]</c> → <c>[features]</c>; on tokens, per token.</summary>
public sealed record LinearLayer(int Features, bool Bias) : Layer
{
    static readonly LinearAttribute Defaults = new(1);

    public override string AttributeName => "Linear";

    /// <summary>The input width (set by <see cref="Infer"/>).</summary>
    public long InFeatures { get; init; }

    public static Layer Read(AttributeArguments a) =>
        a.Int("features") is int features ? new LinearLayer(features, a.Bool(nameof(LinearAttribute.Bias)) ?? Defaults.Bias) : new UnreadableLayer(a.AttributeName);

    public override LayerStep? Infer(Shape input, InferenceContext context)
    {
        string fix = input.IsImage ? $"insert [Flatten] (→ [{input.Elements}]) or [GlobalAveragePool] (→ [{input[0]}]) before it" : "";
        if (!context.RequireRank(input, fix, new LayerInsertion("Flatten", context.LayerIndex), 1, 2)) return null;
        if (!context.Positive("features", Features)) return null;
        long inFeatures = input[input.Rank - 1], rows = input.IsTokens ? input[0] : 1;
        var output = input.IsTokens ? Shape.Of(input[0], Features) : Shape.Of(Features);
        long weights = Sizes.Mul(inFeatures, Features);
        return context.Step(this with { InFeatures = inFeatures }, context.SequentialName, input, output, $"Linear {inFeatures}->{Features}" + (Bias ? "" : " (no bias)"),
            parameters: Bias ? Sizes.Add(weights, Features) : weights, flops: Sizes.Mul(2, weights, rows));
    }

    public override void EmitFields(LayerStep step, EmitScope scope) => scope.DeclareField(step, $"{M}.Linear", "fc");

    public override void EmitConstruction(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"{scope.Field(step, "fc")} = {Nn}.Linear({Fmt.I(InFeatures)}, {Fmt.I(Features)}{(Bias ? "" : ", hasBias: false")});");

    public override void EmitForward(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"x = {Autocast}.Float({Autocast}.Linear({scope.Field(step, "fc")}, x, {scope.Compute}));", step.Output.Batched);

    public override void EmitOnnx(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"x = onnx.Linear(x, {OnnxCode.Name(step.Name)}{(Bias ? "" : ", bias: false")});", step.Output.Batched);

    public override void EmitInitialization(LayerStep step, EmitScope scope)
    {
        if (scope.Initialization == Initialization.TruncatedNormal) LinearInit.TruncatedNormal(scope.Code, scope.Field(step, "fc"), Bias);
    }
}

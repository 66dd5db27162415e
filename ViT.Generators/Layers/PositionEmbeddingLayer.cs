using ViT.Generators.Emit;
using ViT.Generators.Helpers;
using ViT.Generators.Parsing;
using ViT.Generators.Shapes;
using ViT.Generators.Shared;
using static ViT.Generators.Emit.TorchNames;

namespace ViT.Generators.Layers;

/// <summary><c>[PositionEmbedding]</c>: adds a learned embedding per token (timm's <c>pos_embed</c>, N·D parameters), then optional dropout.</summary>
public sealed record PositionEmbeddingLayer(double Dropout) : Layer
{
    static readonly PositionEmbeddingAttribute Defaults = new();

    public override string AttributeName => "PositionEmbedding";

    public static Layer Read(AttributeArguments a) => new PositionEmbeddingLayer(a.Double(nameof(PositionEmbeddingAttribute.Dropout)) ?? Defaults.Dropout);

    public override LayerStep? Infer(Shape input, InferenceContext context)
    {
        if (!context.RequireRank(input, "put [Patchify(patch)] before it", null, 2)) return null;
        if (!context.Rate(nameof(Dropout), Dropout)) return null;
        return context.Step(this, context.TimmName("pos_embed"), input, input, "Position embedding (learned)", parameters: Sizes.Mul(input[0], input[1]));
    }

    public override void EmitFields(LayerStep step, EmitScope scope) => scope.DeclareField(step, Parameter, "pos_embed");

    public override void EmitConstruction(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"{scope.Field(step, "pos_embed")} = new {Parameter}({Torch}.zeros(1, {Fmt.I(step.Input[0])}, {Fmt.I(step.Input[1])}));");

    public override void EmitForward(LayerStep step, EmitScope scope)
    {
        scope.Code.Line($"x = x + {scope.Field(step, "pos_embed")};", step.Output.Batched);
        if (Dropout > 0) scope.Code.Line($"x = {Functional}.dropout(x, {Fmt.D(Dropout)}, {scope.Training});", step.Output.Batched + " (timm's pos_drop)");
    }

    public override void EmitOnnx(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"x = onnx.Add(x, onnx.Parameter({OnnxCode.Name(step.Name)}));", step.Output.Batched);

    public override void EmitInitialization(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"{scope.Field(step, "pos_embed")}.normal_(0.0, 0.02).clamp_(-2.0, 2.0);");

    public override void EmitPythonInit(LayerStep step, PythonScope scope) =>
        scope.AddParameter(step, $"nn.Parameter(torch.zeros(1, {Fmt.I(step.Input[0])}, {Fmt.I(step.Input[1])}))");

    public override void EmitPythonForward(LayerStep step, PythonScope scope)
    {
        scope.Code.Line($"x = x + {scope.Parameter(step)}", step.Output.Batched);
        if (Dropout > 0) scope.Code.Line($"x = F.dropout(x, {Python.Float(Dropout)}, self.training)", step.Output.Batched + " (timm's pos_drop)");
    }

    public override void EmitPythonInitialization(LayerStep step, PythonScope scope) =>
        scope.Code.Line($"{scope.Parameter(step)}.normal_(0.0, 0.02).clamp_(-2.0, 2.0)");
}

using ViT.Generators.Emit;
using ViT.Generators.Parsing;
using ViT.Generators.Shapes;
using ViT.Generators.Shared;
using static ViT.Generators.Emit.TorchNames;

namespace ViT.Generators.Layers;

/// <summary><c>[ClassToken]</c>: prepends a learned token (timm's <c>cls_token</c>, D parameters). <c>[N, D]</c> → <c>[N+1, D]</c>.</summary>
public sealed record ClassTokenLayer : Layer
{
    public override string AttributeName => "ClassToken";

    public static Layer Read(AttributeArguments a) => new ClassTokenLayer();

    public override LayerStep? Infer(Shape input, InferenceContext context)
    {
        if (!context.RequireRank(input, "put [Patchify(patch)] before it", null, 2)) return null;
        return context.Step(this, context.TimmName("cls_token"), input, Shape.Of(input[0] + 1, input[1]), "Class token", parameters: input[1]);
    }

    public override int ClassTokensAfter(int classTokensBefore, Shape input, Shape output) => classTokensBefore + 1;

    public override void EmitFields(LayerStep step, EmitScope scope) => scope.DeclareField(step, Parameter, "cls_token");

    public override void EmitConstruction(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"{scope.Field(step, "cls_token")} = new {Parameter}({Torch}.zeros(1, 1, {Fmt.I(step.Input[1])}));");

    public override void EmitForward(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"x = {Torch}.cat(new[] {{ {scope.Field(step, "cls_token")}.expand(x.shape[0], -1, -1), x }}, dim: 1);", step.Output.Batched);

    public override void EmitOnnx(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"x = onnx.Concat(1, onnx.ExpandToBatch(onnx.Parameter({OnnxCode.Name(step.Name)}), x), x);", step.Output.Batched);

    public override void EmitInitialization(LayerStep step, EmitScope scope) =>
        scope.Code.Line(scope.Initialization == Initialization.TruncatedNormal
            ? $"{Nn}.init.normal_({scope.Field(step, "cls_token")}, std: 1e-6);"
            : $"{scope.Field(step, "cls_token")}.normal_(0.0, 0.02).clamp_(-2.0, 2.0);");
}

using ViT.Generators.Emit;
using ViT.Generators.Parsing;
using ViT.Generators.Shapes;

namespace ViT.Generators.Layers;

/// <summary><c>[Flatten]</c>: everything but the batch in one vector, as PyTorch's <c>nn.Flatten</c>. <c>[C, H, W]</c> → <c>[C·H·W]</c>.</summary>
public sealed record FlattenLayer : Layer
{
    public override string AttributeName => "Flatten";

    public static Layer Read(AttributeArguments a) => new FlattenLayer();

    public override LayerStep? Infer(Shape input, InferenceContext context) =>
        context.RequireRank(input, "", null, 3, 2, 1)
            ? context.Step(this, context.SequentialName, input, Shape.Of(input.Elements), "Flatten", parameters: 0)
            : null;

    public override void EmitForward(LayerStep step, EmitScope scope) => scope.Code.Line("x = x.flatten(1);", step.Output.Batched);

    public override void EmitOnnx(LayerStep step, EmitScope scope) => scope.Code.Line("x = onnx.Flatten(x);", step.Output.Batched);

    public override void EmitPythonForward(LayerStep step, PythonScope scope) => scope.Code.Line("x = x.flatten(1)", step.Output.Batched);
}

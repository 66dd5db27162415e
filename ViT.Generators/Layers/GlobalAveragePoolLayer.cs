using ViT.Generators.Emit;
using ViT.Generators.Parsing;
using ViT.Generators.Shapes;

namespace ViT.Generators.Layers;

/// <summary><c>[GlobalAveragePool]</c>: the mean of each channel over the image. <c>[C, H, W]</c> → <c>[C]</c>.</summary>
public sealed record GlobalAveragePoolLayer : Layer
{
    public override string AttributeName => "GlobalAveragePool";

    public static Layer Read(AttributeArguments a) => new GlobalAveragePoolLayer();

    public override LayerStep? Infer(Shape input, InferenceContext context) =>
        context.RequireRank(input, "it pools images; to average tokens, use [ClassifierHead(classes, Pool = Pooling.Mean)]", null, 3)
            ? context.Step(this, context.SequentialName, input, Shape.Of(input[0]), "Global average pool", parameters: 0)
            : null;

    public override void EmitForward(LayerStep step, EmitScope scope) =>
        scope.Code.Line("x = x.mean(new long[] { 2, 3 });", step.Output.Batched);

    public override void EmitOnnx(LayerStep step, EmitScope scope) =>
        scope.Code.Line("x = onnx.ReduceMean(x, 2, 3);", step.Output.Batched);

    public override void EmitPythonForward(LayerStep step, PythonScope scope) => scope.Code.Line("x = x.mean((2, 3))", step.Output.Batched);
}

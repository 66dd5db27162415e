using ViT.Generators.Emit;
using ViT.Generators.Parsing;
using ViT.Generators.Shapes;
using static ViT.Generators.Emit.TorchNames;

namespace ViT.Generators.Layers;

/// <summary><c>[Dropout(rate)]</c>: PyTorch's <c>nn.Dropout</c> (active while training), for any shape.</summary>
public sealed record DropoutLayer(double Rate) : Layer
{
    public override string AttributeName => "Dropout";

    public static Layer Read(AttributeArguments a) => a.Double("rate") is double rate ? new DropoutLayer(rate) : new UnreadableLayer(a.AttributeName);

    public override LayerStep? Infer(Shape input, InferenceContext context) =>
        context.RequireRank(input, "", null, 1, 2, 3) && context.Rate("rate", Rate)
            ? context.Step(this, context.SequentialName, input, input, $"Dropout {Fmt.D(Rate)}", parameters: 0)
            : null;

    public override void EmitForward(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"x = {Functional}.dropout(x, {Fmt.D(Rate)}, {scope.Training});", step.Output.Batched);

    public override void EmitOnnx(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"// {step.Name}: dropout {Fmt.D(Rate)}, the identity at inference");

    public override void EmitPythonForward(LayerStep step, PythonScope scope) =>
        scope.Code.Line($"x = F.dropout(x, {Python.Float(Rate)}, self.training)", step.Output.Batched);
}

using System.Linq;
using System.Runtime.CompilerServices;
using ViT.Generators.Diagnostics;
using ViT.Generators.Emit;
using ViT.Generators.Helpers;
using ViT.Generators.Parsing;
using ViT.Generators.Shapes;

namespace ViT.Generators.Layers;

/// <summary>
/// <c>[Layer(typeof(M))]</c> and <c>[Residual(typeof(M))]</c>: another ViT# model used as a layer, its output passed on
/// or, as a residual, added to its input. The model's declared input must equal the incoming shape (and a residual
/// block must give that shape back). Its weights sit under this layer's name, its rows under this layer's row.
/// </summary>
public sealed record ComposedLayer(ModelReference Model, bool IsResidual) : Layer
{
    // The parser hands out one spec per model however often it is used, so each is inferred once (specs are immutable).
    static readonly ConditionalWeakTable<ModelSpec, ShapeTrace> Traces = new();

    public override string AttributeName => IsResidual ? "Residual" : "Layer";

    /// <summary>Leading class tokens of its output: those it received and those the model prepends (set by <see cref="Infer"/>).</summary>
    public int ClassTokens { get; init; }

    public static Layer ReadLayer(AttributeArguments a) => a.Model("model") is { } model ? new ComposedLayer(model, false) : new UnreadableLayer(a.AttributeName);

    public static Layer ReadResidual(AttributeArguments a) => a.Model("block") is { } block ? new ComposedLayer(block, true) : new UnreadableLayer(a.AttributeName);

    public override LayerStep? Infer(Shape input, InferenceContext context)
    {
        string argument = IsResidual ? "block" : "model";
        if (!context.RequireRank(input, "", null, 1, 2, 3)) return null;
        if (Model.Spec is not { } spec)
        {
            context.Error(Model.ProblemId!, argument, Model.Problem!);
            return null;
        }

        var inner = Traces.GetValue(spec, ShapeInference.Infer);
        if (!inner.IsValid)
        {
            // A cycle through this model shows up inside as an error of the inner model: report the cycle itself.
            var first = inner.Violations.First(v => !v.IsWarning);
            context.Error(
                first.Id == DiagnosticIds.CompositionCycle ? first.Id : DiagnosticIds.ComposedModelInvalid,
                argument,
                first.Id == DiagnosticIds.CompositionCycle ? first.Message : $"{Model.Name} cannot be used as a layer until its own errors are fixed ({first.Id}: {first.Message})");
            return null;
        }

        if (!inner.InputShape.Equals(input))
        {
            context.Error(DiagnosticIds.ComposedInputMismatch, argument, $"{Model.Name} is declared for input {inner.InputShape} but receives {input.Described} here; declare [Input({Fmt.Args(input.Dims)})] on {Model.Name}, or change the layers before this one");
            return null;
        }

        if (IsResidual && !inner.OutputShape.Equals(input))
        {
            context.Error(DiagnosticIds.ResidualChangesShape, argument, $"A residual block must give back the shape it receives, but {Model.Name} maps {input} to {inner.OutputShape}, so x + block(x) cannot be added; make its last layers return {input}, or use [Layer(typeof({Model.Name}))]");
            return null;
        }

        int classTokens = context.ClassTokens;
        foreach (var innerStep in inner.Steps.Skip(1)) classTokens = innerStep.Layer.ClassTokensAfter(classTokens, innerStep.Input, innerStep.Output);
        string name = context.SequentialName;
        var rows = inner.Rows.Select(r => r with { Name = name + "." + r.Name, Depth = r.Depth + 1 }).Prepend(
            new SummaryRow(name, IsResidual ? $"Residual: x + {Model.Name}(x)" : Model.Name, inner.OutputShape, inner.TotalParameters));
        long activations = Sizes.Add(inner.ActivationElements, IsResidual ? inner.OutputShape.Elements : 0);
        return context.Step(this with { ClassTokens = classTokens }, name, input, inner.OutputShape, inner.TotalParameters, inner.ForwardFlops, activations, rows);
    }

    public override int ClassTokensAfter(int classTokensBefore, Shape input, Shape output) =>
        IsResidual ? base.ClassTokensAfter(classTokensBefore, input, output) : ClassTokens;

    string Prefix => IsResidual ? "res" : "block";

    public override void EmitFields(LayerStep step, EmitScope scope) => scope.DeclareField(step, Model.GlobalName, Prefix);

    public override void EmitConstruction(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"{scope.Field(step, Prefix)} = new {Model.GlobalName}();");

    public override void EmitForward(LayerStep step, EmitScope scope) => scope.Code.Line(
        IsResidual ? $"x = x + {scope.Field(step, Prefix)}.forward(x);" : $"x = {scope.Field(step, Prefix)}.forward(x);",
        step.Output.Batched + $" ({Model.Name})");

    public override void EmitOnnx(LayerStep step, EmitScope scope)
    {
        string inner = $"onnx.Append({scope.Field(step, Prefix)}, x, {OnnxCode.Name(step.Name + ".")})";
        scope.Code.Line(IsResidual ? $"x = onnx.Add(x, {inner});" : $"x = {inner};", step.Output.Batched + $" ({Model.Name})");
    }
}

using ViT.Generators.Emit;
using ViT.Generators.Shapes;
using ViT.Generators.Shared;
using static ViT.Generators.Emit.TorchNames;

namespace ViT.Generators.Layers;

/// <summary>
/// What the learned tokens share (the class token, DeiT's distillation token, register tokens): a parameter
/// <c>[1, n, D]</c> with timm's name, placed among the leading tokens of every sample. <c>[N, D]</c> → <c>[N + n, D]</c>.
/// </summary>
public abstract record LearnedTokensLayer : Layer
{
    /// <summary>timm's name for the parameter: <c>cls_token</c>, <c>dist_token</c>, <c>reg_token</c>.</summary>
    protected abstract string TimmParameter { get; }

    /// <summary>How the summary describes the layer.</summary>
    protected abstract string Description { get; }

    /// <summary>How timm starts the tokens (PyTorch's default scheme starts every token at std 0.02).</summary>
    protected abstract string TimmInitialization(string field);

    /// <summary>The same in the PyTorch twin.</summary>
    protected abstract string PythonTimmInitialization(string parameter);

    /// <summary>How many tokens it adds.</summary>
    public abstract int Tokens { get; }

    /// <summary>Where it places them among the leading tokens it receives.</summary>
    protected abstract int InsertAt(PrefixTokens before);

    /// <summary>Where the tokens go (set by <see cref="Infer"/>).</summary>
    public int Position { get; init; }

    /// <summary>Checks what only this kind needs (the distillation token needs a class token before it).</summary>
    protected virtual bool Accepts(InferenceContext context) => true;

    public override LayerStep? Infer(Shape input, InferenceContext context)
    {
        if (!context.RequireRank(input, "put [Patchify(patch)] before it", null, 2) || !context.Positive("count", Tokens) || !Accepts(context)) return null;
        return context.Step(this with { Position = InsertAt(context.Prefix) }, context.TimmName(TimmParameter), input, Shape.Of(input[0] + Tokens, input[1]), Description, parameters: Helpers.Sizes.Mul(Tokens, input[1]));
    }

    public override void EmitFields(LayerStep step, EmitScope scope) => scope.DeclareField(step, Parameter, TimmParameter);

    public override void EmitConstruction(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"{scope.Field(step, TimmParameter)} = new {Parameter}({Torch}.zeros(1, {Fmt.I(Tokens)}, {Fmt.I(step.Input[1])}));");

    public override void EmitForward(LayerStep step, EmitScope scope)
    {
        string tokens = $"{scope.Field(step, TimmParameter)}.expand(x.shape[0], -1, -1)";
        long n = step.Input[0];
        string parts = Position == 0 ? $"{tokens}, x" : $"x.narrow(1, 0, {Fmt.I(Position)}), {tokens}, x.narrow(1, {Fmt.I(Position)}, {Fmt.I(n - Position)})";
        scope.Code.Line($"x = {Torch}.cat(new[] {{ {parts} }}, dim: 1);", step.Output.Batched);
    }

    public override void EmitOnnx(LayerStep step, EmitScope scope)
    {
        string tokens = $"onnx.ExpandToBatch(onnx.Parameter({OnnxCode.Name(step.Name)}), x)";
        long n = step.Input[0];
        string parts = Position == 0 ? $"{tokens}, x" : $"onnx.Slice(x, axis: 1, start: 0, end: {Fmt.I(Position)}), {tokens}, onnx.Slice(x, axis: 1, start: {Fmt.I(Position)}, end: {Fmt.I(n)})";
        scope.Code.Line($"x = onnx.Concat(1, {parts});", step.Output.Batched);
    }

    public override void EmitInitialization(LayerStep step, EmitScope scope) =>
        scope.Code.Line(scope.Initialization == Initialization.TruncatedNormal
            ? TimmInitialization(scope.Field(step, TimmParameter))
            : $"{scope.Field(step, TimmParameter)}.normal_(0.0, 0.02).clamp_(-2.0, 2.0);");

    public override void EmitPythonInit(LayerStep step, PythonScope scope) =>
        scope.AddParameter(step, $"nn.Parameter(torch.zeros(1, {Fmt.I(Tokens)}, {Fmt.I(step.Input[1])}))");

    public override void EmitPythonForward(LayerStep step, PythonScope scope)
    {
        string tokens = $"{scope.Parameter(step)}.expand(x.shape[0], -1, -1)";
        string parts = Position == 0 ? $"{tokens}, x" : $"x[:, :{Fmt.I(Position)}], {tokens}, x[:, {Fmt.I(Position)}:]";
        scope.Code.Line($"x = torch.cat(({parts}), dim=1)", step.Output.Batched);
    }

    public override void EmitPythonInitialization(LayerStep step, PythonScope scope) =>
        scope.Code.Line(scope.Initialization == Initialization.TruncatedNormal
            ? PythonTimmInitialization(scope.Parameter(step))
            : $"{scope.Parameter(step)}.normal_(0.0, 0.02).clamp_(-2.0, 2.0)");
}

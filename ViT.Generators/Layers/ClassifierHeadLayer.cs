using System.Collections.Generic;
using System.Linq;
using ViT.Generators.Diagnostics;
using ViT.Generators.Emit;
using ViT.Generators.Helpers;
using ViT.Generators.Parsing;
using ViT.Generators.Shapes;
using ViT.Generators.Shared;
using static ViT.Generators.Emit.TorchNames;

namespace ViT.Generators.Layers;

/// <summary>
/// <c>[ClassifierHead(classes, Pool)]</c>: pools the tokens and classifies (timm's <c>head</c>, a Linear D→classes).
/// <c>[N, D]</c> → <c>[classes]</c>. Class-token pooling takes token 0; mean pooling averages the patch tokens (the class,
/// distillation and register tokens left out) and, after an encoder whose final norm is applied, normalises the
/// average (timm's <c>fc_norm</c>). <c>Distilled</c> adds DeiT's <c>head_dist</c> on the distillation token and averages
/// the two heads' logits, as timm does outside distillation training.
/// </summary>
public sealed record ClassifierHeadLayer(int Classes, Pooling Pool, bool Distilled) : Layer
{
    static readonly ClassifierHeadAttribute Defaults = new(1);

    public override string AttributeName => "ClassifierHead";

    /// <summary>The LayerNorm epsilon of <c>fc_norm</c>, or 0 when there is none (set by <see cref="Infer"/>).</summary>
    public double NormEpsilon { get; init; }

    /// <summary>Leading tokens that mean pooling leaves out, as timm does (set by <see cref="Infer"/>).</summary>
    public int PrefixTokens { get; init; }

    public static Layer Read(AttributeArguments a) => a.Int("classes") is int classes
        ? new ClassifierHeadLayer(classes, (Pooling)(a.Enum(nameof(ClassifierHeadAttribute.Pool)) ?? (int)Defaults.Pool), a.Bool(nameof(ClassifierHeadAttribute.Distilled)) ?? Defaults.Distilled)
        : new UnreadableLayer(a.AttributeName);

    public override LayerStep? Infer(Shape input, InferenceContext context)
    {
        if (!context.RequireRank(input, input.IsVector ? $"on a vector, classify with [Linear({Classes})]" : "put [Patchify(patch)] before it, or classify images with [GlobalAveragePool] and [Linear(classes)]", null, 2)) return null;
        if (!context.Defined(nameof(Pool), Pool)) return null;
        context.Positive("classes", Classes);
        if (Pool == Pooling.ClassToken && !context.Prefix.HasClassToken)
        {
            int patchify = context.Earlier.Select((l, i) => (l, i)).LastOrDefault(p => p.l is PatchifyLayer).i;
            context.Report(context.Violation(DiagnosticIds.PoolingNeedsClassToken, nameof(Pool), "Class-token pooling needs a [ClassToken] before the head; add [ClassToken] after [Patchify] or use Pool = Pooling.Mean") with
            {
                Insert = context.Earlier.Any(l => l is PatchifyLayer) ? new LayerInsertion("ClassToken", context.AttributeOf(patchify + 1)) : null,
            });
        }
        else if (Distilled && (Pool != Pooling.ClassToken || !context.Prefix.HasDistillationToken))
        {
            context.Error(DiagnosticIds.PoolingNeedsClassToken, nameof(Distilled), Pool != Pooling.ClassToken
                ? "A distilled head classifies from the class and distillation tokens; remove Pool = Pooling.Mean"
                : "A distilled head needs DeiT's distillation token; put [DistillationToken] right after [ClassToken]");
        }

        if (context.Failed) return null;
        long d = input[1];
        var encoder = context.Previous as EncoderLayer;
        var resolved = this with
        {
            NormEpsilon = EncoderLayer.NormsAfterPooling(encoder, this) ? encoder!.NormEpsilon : 0,
            PrefixTokens = Pool == Pooling.Mean ? context.Prefix.Count : 0,
        };
        string head = context.TimmName("head");
        var output = Shape.Of(Classes);
        long linear = Sizes.Add(Sizes.Mul(d, Classes), Classes);
        var rows = new List<SummaryRow>();
        if (resolved.NormEpsilon > 0) rows.Add(new SummaryRow(FcNorm(head), "LayerNorm (after pooling)", Shape.Of(d), 2 * d));
        string pooling = Pool == Pooling.ClassToken ? "class-token pooling" : "mean pooling";
        rows.Add(new SummaryRow(head, $"Linear {d}->{Classes} ({pooling})", output, linear));
        if (Distilled) rows.Add(new SummaryRow(HeadDist(head), $"Linear {d}->{Classes} (distillation token; the two heads averaged)", output, linear));
        long heads = Distilled ? 2 : 1;
        return context.Step(resolved, head, input, output, Sizes.Sum(rows.Select(r => r.Parameters)), Sizes.Mul(2, d, Classes, heads), Sizes.Mul(Sizes.Add(d, Classes), heads), rows);
    }

    /// <summary><c>fc_norm</c> beside <c>head</c>, <c>fc_norm_7</c> beside <c>head_7</c>.</summary>
    static string FcNorm(string head) => "fc_norm" + head.Substring(head.StartsWith("head", System.StringComparison.Ordinal) ? "head".Length : head.Length);

    /// <summary><c>head_dist</c> beside <c>head</c>, as timm's DeiT names it.</summary>
    static string HeadDist(string head) => head + "_dist";

    public override void EmitFields(LayerStep step, EmitScope scope)
    {
        if (NormEpsilon > 0) scope.DeclareField(step, $"{M}.LayerNorm", "fc_norm", FcNorm(step.Name));
        scope.DeclareField(step, $"{M}.Linear", "head");
        if (Distilled) scope.DeclareField(step, $"{M}.Linear", "head_dist", HeadDist(step.Name));
    }

    public override void EmitConstruction(LayerStep step, EmitScope scope)
    {
        long d = step.Input[1];
        if (NormEpsilon > 0) scope.Code.Line($"{scope.Field(step, "fc_norm", FcNorm(step.Name))} = {Nn}.LayerNorm({Fmt.I(d)}, eps: {Fmt.D(NormEpsilon)});");
        scope.Code.Line($"{scope.Field(step, "head")} = {Nn}.Linear({Fmt.I(d)}, {Fmt.I(Classes)});");
        if (Distilled) scope.Code.Line($"{scope.Field(step, "head_dist", HeadDist(step.Name))} = {Nn}.Linear({Fmt.I(d)}, {Fmt.I(Classes)});");
    }

    public override void EmitForward(LayerStep step, EmitScope scope)
    {
        var o = scope.Code;
        long n = step.Input[0], d = step.Input[1];
        string pooled = Shape.FormatBatched(new[] { d });
        if (Distilled)
        {
            string head = $"{Autocast}.Float({Autocast}.Linear({scope.Field(step, "head")}, x.select(1, 0), {scope.Compute}))";
            string dist = $"{Autocast}.Float({Autocast}.Linear({scope.Field(step, "head_dist", HeadDist(step.Name))}, x.select(1, 1), {scope.Compute}))";
            o.Line($"x = ({head} + {dist}) / 2;", step.Output.Batched + " (the class and distillation heads averaged)");
            return;
        }

        if (Pool == Pooling.ClassToken) o.Line("x = x.select(1, 0);", pooled + " (class token)");
        else if (PrefixTokens > 0) o.Line($"x = x.narrow(1, {Fmt.I(PrefixTokens)}, {Fmt.I(n - PrefixTokens)}).mean(new long[] {{ 1 }});", pooled + " (mean of the patch tokens)");
        else o.Line("x = x.mean(new long[] { 1 });", pooled + " (mean of the tokens)");
        if (NormEpsilon > 0) o.Line($"x = {scope.Field(step, "fc_norm", FcNorm(step.Name))}.forward(x);", pooled);
        o.Line($"x = {Autocast}.Float({Autocast}.Linear({scope.Field(step, "head")}, x, {scope.Compute}));", step.Output.Batched);
    }

    public override void EmitOnnx(LayerStep step, EmitScope scope)
    {
        var o = scope.Code;
        long n = step.Input[0], d = step.Input[1];
        string pooled = Shape.FormatBatched(new[] { d });
        if (Distilled)
        {
            string head = $"onnx.Linear(onnx.Gather(x, 0, axis: 1), {OnnxCode.Name(step.Name)})";
            string dist = $"onnx.Linear(onnx.Gather(x, 1, axis: 1), {OnnxCode.Name(HeadDist(step.Name))})";
            o.Line($"x = onnx.Mul(onnx.Add({head}, {dist}), 0.5);", step.Output.Batched + " (the two heads averaged)");
            return;
        }

        if (Pool == Pooling.ClassToken) o.Line("x = onnx.Gather(x, 0, axis: 1);", pooled + " (class token)");
        else if (PrefixTokens > 0) o.Line($"x = onnx.ReduceMean(onnx.Slice(x, axis: 1, start: {Fmt.I(PrefixTokens)}, end: {Fmt.I(n)}), 1);", pooled + " (mean of the patch tokens)");
        else o.Line("x = onnx.ReduceMean(x, 1);", pooled + " (mean of the tokens)");
        if (NormEpsilon > 0) o.Line($"x = onnx.LayerNormalization(x, {OnnxCode.Name(FcNorm(step.Name))}, epsilon: {Fmt.D(NormEpsilon)});", pooled);
        o.Line($"x = onnx.Linear(x, {OnnxCode.Name(step.Name)});", step.Output.Batched);
    }

    public override void EmitInitialization(LayerStep step, EmitScope scope)
    {
        if (scope.Initialization != Initialization.TruncatedNormal) return;
        LinearInit.TruncatedNormal(scope.Code, scope.Field(step, "head"));
        if (Distilled) LinearInit.TruncatedNormal(scope.Code, scope.Field(step, "head_dist", HeadDist(step.Name)));
    }

    public override void EmitPythonInit(LayerStep step, PythonScope scope)
    {
        long d = step.Input[1];
        if (NormEpsilon > 0) scope.AddModule(step, $"nn.LayerNorm({Fmt.I(d)}, eps={Python.Float(NormEpsilon)})", FcNorm(step.Name));
        scope.AddModule(step, $"nn.Linear({Fmt.I(d)}, {Fmt.I(Classes)})");
        if (Distilled) scope.AddModule(step, $"nn.Linear({Fmt.I(d)}, {Fmt.I(Classes)})", HeadDist(step.Name));
    }

    public override void EmitPythonForward(LayerStep step, PythonScope scope)
    {
        var o = scope.Code;
        long n = step.Input[0];
        string pooled = Shape.FormatBatched(new[] { step.Input[1] });
        if (Distilled)
        {
            o.Line($"x = ({scope.Module(step)}(x[:, 0]) + {scope.Module(step, HeadDist(step.Name))}(x[:, 1])) / 2", step.Output.Batched + " (the class and distillation heads averaged)");
            return;
        }

        if (Pool == Pooling.ClassToken) o.Line("x = x[:, 0]", pooled + " (class token)");
        else if (PrefixTokens > 0) o.Line($"x = x[:, {Fmt.I(PrefixTokens)}:].mean(1)", pooled + $" (mean of the {Fmt.I(n - PrefixTokens)} patch tokens)");
        else o.Line("x = x.mean(1)", pooled + " (mean of the tokens)");
        if (NormEpsilon > 0) o.Line($"x = {scope.Module(step, FcNorm(step.Name))}(x)", pooled);
        o.Line($"x = {scope.Module(step)}(x)", step.Output.Batched);
    }

    public override void EmitPythonInitialization(LayerStep step, PythonScope scope)
    {
        if (scope.Initialization != Initialization.TruncatedNormal) return;
        LinearInit.PythonTruncatedNormal(scope.Code, scope.Module(step));
        if (Distilled) LinearInit.PythonTruncatedNormal(scope.Code, scope.Module(step, HeadDist(step.Name)));
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
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
/// <c>[Encoder(layers, heads, ...)]</c>: pre-norm transformer blocks (timm's <c>blocks</c>) and the final LayerNorm
/// (timm's <c>norm</c>). <c>[N, D]</c> → <c>[N, D]</c>. Every option resolved: defaults filled in, epsilon included.
/// </summary>
public sealed record EncoderLayer(
    int Layers,
    int Heads,
    AttentionKind Attention,
    double MlpRatio,
    Activation Activation,
    bool QkvBias,
    double NormEpsilon,
    FinalNorm FinalNorm,
    double Dropout,
    double AttentionDropout,
    double DropPath,
    double LayerScale) : Layer
{
    /// <summary>More blocks than this is taken as a typo, not a model.</summary>
    public const int MaxLayers = 10_000;

    static readonly EncoderAttribute Defaults = new(1, 1);

    public override string AttributeName => "Encoder";

    /// <summary>The MLP's hidden width, D·ratio truncated as timm's <c>int(dim * mlp_ratio)</c> (set by <see cref="Infer"/>).</summary>
    public long Hidden { get; init; }

    /// <summary>How the attention lays out q, k and v at this input (set by <see cref="Infer"/>).</summary>
    public AttentionLayout? Layout { get; init; }

    /// <summary>Whether the encoder holds its final <c>norm</c>: not when it has none, nor when the head applies it after pooling (set by <see cref="Infer"/>).</summary>
    public bool HoldsNorm { get; init; }

    public static Layer Read(AttributeArguments a) =>
        a.Int("layers") is int layers && a.Int("heads") is int heads ? ReadOptions(a, layers, heads) : new UnreadableLayer(a.AttributeName);

    /// <summary>The named options, which <c>[VisionTransformer]</c> shares.</summary>
    public static EncoderLayer ReadOptions(AttributeArguments a, int layers, int heads)
    {
        var attention = (AttentionKind)(a.Enum(nameof(EncoderAttribute.Attention)) ?? (int)Defaults.Attention);
        double epsilon = a.Double(nameof(EncoderAttribute.NormEpsilon)) ?? Defaults.NormEpsilon;
        if (epsilon == 0) epsilon = attention == AttentionKind.Split ? 1e-6 : 1e-5; // 0 means: timm's for split, PyTorch's (the tutorial's) otherwise
        return new EncoderLayer(
            layers,
            heads,
            attention,
            a.Double(nameof(EncoderAttribute.MlpRatio)) ?? Defaults.MlpRatio,
            (Activation)(a.Enum(nameof(EncoderAttribute.Activation)) ?? (int)Defaults.Activation),
            a.Bool(nameof(EncoderAttribute.QkvBias)) ?? Defaults.QkvBias,
            epsilon,
            (FinalNorm)(a.Enum(nameof(EncoderAttribute.FinalNorm)) ?? (int)Defaults.FinalNorm),
            a.Double(nameof(EncoderAttribute.Dropout)) ?? Defaults.Dropout,
            a.Double(nameof(EncoderAttribute.AttentionDropout)) ?? Defaults.AttentionDropout,
            a.Double(nameof(EncoderAttribute.DropPath)) ?? Defaults.DropPath,
            a.Double(nameof(EncoderAttribute.LayerScale)) ?? Defaults.LayerScale);
    }

    /// <summary>
    /// timm's <c>global_pool='avg'</c>: when the encoder's final norm is applied and the next layer averages the
    /// tokens, the norm moves after the pooling (timm's <c>fc_norm</c>, owned by the head) and <c>norm</c> is an identity.
    /// </summary>
    public static bool NormsAfterPooling(EncoderLayer? encoder, Layer? next) =>
        encoder is { FinalNorm: FinalNorm.Apply } && next is ClassifierHeadLayer { Pool: Pooling.Mean };

    public override LayerStep? Infer(Shape input, InferenceContext context)
    {
        if (!context.RequireRank(input, "put [Patchify(patch)] before it", null, 2)) return null;
        if (!context.Defined(nameof(Attention), Attention) || !context.Defined(nameof(Activation), Activation) || !context.Defined(nameof(FinalNorm), FinalNorm)) return null;
        long n = input[0], d = input[1];
        context.Positive("layers", Layers);
        context.Positive("heads", Heads);
        if (Layers > MaxLayers) context.Error(DiagnosticIds.ModelTooLarge, "layers", $"{Layers} layers is more than ViT# builds ({MaxLayers}); use fewer");
        if (Attention == AttentionKind.Split && Heads > 0 && d % Heads != 0)
        {
            var divisors = Sizes.ProperDivisors(d);
            var choices = divisors.Count > 0 ? divisors : new List<long> { 1, d };
            context.Report(context.Violation(DiagnosticIds.HeadsDoNotDivideDim, "heads", $"{Heads} heads do not divide the embedding width {d} (split attention gives each head D/heads features); use {Sizes.Or(choices)} heads, or a kind whose heads have the full width: Attention = AttentionKind.Wide or AttentionKind.TutorialListing") with
            {
                Choices = choices.Select(c => (int)c).ToEquatableArray(),
            });
        }

        double hidden = Math.Floor(d * MlpRatio);
        if (!(hidden >= 1) || double.IsInfinity(hidden) || hidden > ShapeInference.MaxParameters)
        {
            context.Error(DiagnosticIds.MlpWidthNotWhole, nameof(MlpRatio), $"MLP ratio {Text(MlpRatio)} times width {d} gives {Text(d * MlpRatio)}, which leaves no whole hidden feature (timm truncates it to int(D·ratio)); use a ratio of at least {Text(1.0 / d)}, such as 4");
        }

        context.Rate(nameof(Dropout), Dropout);
        context.Rate(nameof(AttentionDropout), AttentionDropout);
        context.Rate(nameof(DropPath), DropPath);
        if (double.IsNaN(LayerScale) || double.IsInfinity(LayerScale) || LayerScale < 0)
        {
            context.Error(DiagnosticIds.RateOutOfRange, nameof(LayerScale), $"LayerScale is {Text(LayerScale)}; start the scales at a small positive number, such as 1e-5, or leave it 0 for none");
        }
        context.Epsilon(nameof(NormEpsilon), NormEpsilon, "1e-6 (timm) or 1e-5 (PyTorch)");
        if (context.Failed) return null;

        if (context.Earlier.Any(l => l is PatchifyLayer) && !context.Earlier.Any(l => l is PositionEmbeddingLayer))
        {
            context.Warning(DiagnosticIds.NoPositionEmbedding, null, "The encoder sees the patches as an unordered set: no [PositionEmbedding] comes before it; add [PositionEmbedding] after [Patchify] (or [ClassToken])");
        }

        var resolved = this with { Hidden = (long)hidden, Layout = AttentionLayout.Of(Attention, n, d, Heads), HoldsNorm = FinalNorm != FinalNorm.None && !NormsAfterPooling(this, context.Next) };
        var block = BlockCost.Of(resolved, n, d);
        string blocks = context.TimmName("blocks");
        var rows = Enumerable.Range(0, Layers)
            .Select(b => new SummaryRow($"{blocks}.{b.ToString(CultureInfo.InvariantCulture)}", $"Encoder block ({KindName}, {Heads} heads, MLP {resolved.Hidden} {ActivationLayer.Name(Activation)})", input, block.Parameters))
            .ToList();
        long parameters = Sizes.Mul(block.Parameters, Layers);
        if (parameters > ShapeInference.MaxParameters)
        {
            context.Error(DiagnosticIds.ModelTooLarge, "layers", FormattableString.Invariant($"{Layers} blocks of {block.Parameters:N0} parameters each make {parameters:N0}, more than ViT# builds ({ShapeInference.MaxParameters:N0}); use fewer layers or a smaller width"));
            return null;
        }

        if (resolved.HoldsNorm)
        {
            rows.Add(new SummaryRow(NormName(blocks), FinalNorm == FinalNorm.Apply ? "LayerNorm" : "LayerNorm (created, not applied)", input, 2 * d));
            parameters = Sizes.Add(parameters, 2 * d);
        }

        return context.Step(resolved, blocks, input, input, parameters, Sizes.Mul(block.Flops, Layers), Sizes.Mul(block.Activations, Layers), rows);
    }

    /// <summary>
    /// <c>norm</c> beside <c>blocks</c>, <c>norm_5</c> beside <c>blocks_5</c>, and <c>{Name}_norm</c> beside an encoder
    /// the user named, so that two named encoders' norms differ as their blocks do.
    /// </summary>
    static string NormName(string blocks) => blocks.StartsWith("blocks", System.StringComparison.Ordinal) ? "norm" + blocks.Substring("blocks".Length) : blocks + "_norm";

    string KindName => Attention switch { AttentionKind.Split => "split", AttentionKind.Wide => "wide", _ => "tutorial listing" };

    public override void EmitFields(LayerStep step, EmitScope scope)
    {
        scope.DeclareField(step, $"{M}.ModuleList<{scope.TypeName(step, "Block")}>", "blocks");
        if (HoldsNorm) scope.DeclareField(step, $"{M}.LayerNorm", "norm", NormName(step.Name));
    }

    /// <summary>The drop-path rate of block <paramref name="i"/>: timm's <c>linspace(0, drop_path_rate, depth)</c>.</summary>
    public double DropPathOf(int i) => Layers > 1 ? DropPath * i / (Layers - 1) : 0;

    public override void EmitConstruction(LayerStep step, EmitScope scope)
    {
        var o = scope.Code;
        string block = scope.TypeName(step, "Block");
        string blocks = scope.Field(step, "blocks");
        o.Line($"{block}[] {blocks}Array = new {block}[{Fmt.I(Layers)}];");
        string rate = DropPath > 0 ? $", dropPath: {Fmt.D(DropPath)} * i / {Fmt.I(Math.Max(1, Layers - 1))}" : "";
        o.Line($"for (int i = 0; i < {blocks}Array.Length; i++) {blocks}Array[i] = new {block}({scope.Compute}{rate});");
        o.Line($"{blocks} = {Nn}.ModuleList({blocks}Array);");
        if (HoldsNorm) o.Line($"{scope.Field(step, "norm", NormName(step.Name))} = {Nn}.LayerNorm({Fmt.I(step.Input[1])}, eps: {Fmt.D(NormEpsilon)});");
    }

    public override void EmitForward(LayerStep step, EmitScope scope)
    {
        var o = scope.Code;
        string count = Layers == 1 ? " (1 block)" : $" ({Fmt.I(Layers)} blocks)";
        o.Line($"foreach ({scope.TypeName(step, "Block")} block in {scope.Field(step, "blocks")}) x = block.forward(x);", step.Output.Batched + count);
        if (HoldsNorm && FinalNorm == FinalNorm.Apply) o.Line($"x = {scope.Field(step, "norm", NormName(step.Name))}.forward(x);", step.Output.Batched);
        if (HoldsNorm && FinalNorm == FinalNorm.Unused) o.Line($"// {scope.Field(step, "norm", NormName(step.Name))} is created (and counted) but not applied, as in the tutorial.");
    }

    public override void EmitOnnx(LayerStep step, EmitScope scope)
    {
        var o = scope.Code;
        OnnxBlockWriter.Write(o, this, step.Name, step.Input[0], step.Input[1]);
        string norm = NormName(step.Name);
        if (HoldsNorm && FinalNorm == FinalNorm.Apply) o.Line($"x = onnx.LayerNormalization(x, {OnnxCode.Name(norm)}, epsilon: {Fmt.D(NormEpsilon)});", step.Output.Batched);
        if (HoldsNorm && FinalNorm == FinalNorm.Unused) o.Line($"// {norm} is created (and counted) but not applied, as in the tutorial.");
    }

    public override void EmitInitialization(LayerStep step, EmitScope scope)
    {
        if (scope.Initialization != Initialization.TruncatedNormal) return;
        var o = scope.Code;
        o.Open($"foreach ({Nn}.Module module in {scope.Field(step, "blocks")}.modules())");
        o.Open($"if (module is {M}.Linear linear)");
        o.Line("linear.weight!.normal_(0.0, 0.02).clamp_(-2.0, 2.0);");
        o.Line($"if (linear.bias is not null) {Nn}.init.zeros_(linear.bias);");
        o.Close();
        o.Close();
    }

    public override void EmitTypes(LayerStep step, EmitScope scope) => BlockWriter.Write(this, step, scope);

    public override void EmitPythonInit(LayerStep step, PythonScope scope)
    {
        string block = PythonBlockWriter.Write(this, step, scope);
        string rate = DropPath > 0 ? $"{Python.Float(DropPath)} * i / {Fmt.I(Math.Max(1, Layers - 1))}" : "";
        scope.AddModule(step, $"nn.ModuleList([{block}({rate}) for i in range({Fmt.I(Layers)})])");
        if (HoldsNorm) scope.AddModule(step, $"nn.LayerNorm({Fmt.I(step.Input[1])}, eps={Python.Float(NormEpsilon)})", NormName(step.Name));
    }

    public override void EmitPythonForward(LayerStep step, PythonScope scope)
    {
        var o = scope.Code;
        o.Open($"for block in {scope.Module(step)}:");
        o.Line("x = block(x)", step.Output.Batched + (Layers == 1 ? " (1 block)" : $" ({Fmt.I(Layers)} blocks)"));
        o.Close();
        if (HoldsNorm && FinalNorm == FinalNorm.Apply) o.Line($"x = {scope.Module(step, NormName(step.Name))}(x)", step.Output.Batched);
        if (HoldsNorm && FinalNorm == FinalNorm.Unused) o.Line($"# {NormName(step.Name)} is created (and counted) but not applied, as in the tutorial.");
    }

    public override void EmitPythonInitialization(LayerStep step, PythonScope scope)
    {
        if (scope.Initialization != Initialization.TruncatedNormal) return;
        var o = scope.Code;
        o.Open($"for module in {scope.Module(step)}.modules():");
        o.Open("if isinstance(module, nn.Linear):");
        LinearInit.PythonTruncatedNormal(o, "module", bias: false);
        o.Open("if module.bias is not None:");
        o.Line("nn.init.zeros_(module.bias)");
        o.Close();
        o.Close();
        o.Close();
    }

    static string Text(double value) => value.ToString("G15", CultureInfo.InvariantCulture); // 33.3, not the 33.300000000000004 of 100 * 0.333
}

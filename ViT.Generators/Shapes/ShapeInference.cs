using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ViT.Generators.Diagnostics;
using ViT.Generators.Helpers;
using ViT.Generators.Parsing;
using ViT.Generators.Shared;

namespace ViT.Generators.Shapes;

/// <summary>
/// The layer algebra of DESIGN.md as a pure function: the shape after every layer, the parameters of every module and
/// the list of broken constraints with the numbers involved. No Roslyn, no TorchSharp; never throws.
/// Layers come in the canonical order Input, Patchify, [ClassToken], [PositionEmbedding], [Encoder], [ClassifierHead].
/// </summary>
public static class ShapeInference
{
    /// <summary>More blocks than this is taken as a typo, not a model.</summary>
    public const int MaxLayers = 10_000;

    /// <summary>More parameters than this (a trillion) cannot be built.</summary>
    public const long MaxParameters = 1_000_000_000_000;

    static readonly string[] Order = { "Input", "Patchify", "ClassToken", "PositionEmbedding", "Encoder", "ClassifierHead" };

    public static ShapeTrace Infer(ModelSpec spec)
    {
        var rows = new List<LayerShape>();
        var violations = new List<ShapeViolation>();
        long[] input = Array.Empty<long>();
        long[]? shape = null;
        bool hasClassToken = false;
        int lastOrder = -1;
        var seen = new HashSet<string>();

        if (!spec.IsPartial) violations.Add(new(DiagnosticIds.ModelNotPartial, -1, null, $"The model class {spec.ClassName} must be declared partial so that ViT# can generate the rest of it; add the partial modifier"));
        if (spec.DeclarationProblem is string problem) violations.Add(new(DiagnosticIds.UnsupportedDeclaration, -1, null, problem));
        if (spec.DeclaresBaseClass) violations.Add(new(DiagnosticIds.BaseClassDeclared, -1, null, $"The model class {spec.ClassName} must not declare a base class; ViT# derives it from Module<Tensor, Tensor>"));
        if (spec.DeclaresParameterlessConstructor) violations.Add(new(DiagnosticIds.ConstructorDeclared, -1, null, $"The model class {spec.ClassName} must not declare a parameterless constructor; ViT# generates it (declare one with parameters that calls this())"));

        if (!Enum.IsDefined(typeof(Initialization), spec.Initialization)) violations.Add(new(DiagnosticIds.UnknownOption, -1, "scheme", $"Initialization {(int)spec.Initialization} is not a defined scheme; use Initialization.TruncatedNormal or Initialization.PyTorchDefault"));

        for (int i = 0; i < spec.Layers.Count; i++)
        {
            var layer = spec.Layers[i];
            if (UnknownOption(layer, i) is { } unknown)
            {
                violations.Add(unknown);
                return Finish(input, shape, rows, violations);
            }

            if (layer is UnreadableLayerSpec)
            {
                violations.Add(new(DiagnosticIds.UnreadableAttribute, i, null, $"The arguments of [{layer.AttributeName}] could not be read; give every required argument as a constant of the right type"));
                return Finish(input, shape, rows, violations);
            }

            if (!seen.Add(layer.AttributeName))
            {
                violations.Add(new(DiagnosticIds.DuplicateLayer, i, null, $"[{layer.AttributeName}] appears more than once; keep one"));
                return Finish(input, shape, rows, violations);
            }

            int order = Array.IndexOf(Order, layer.AttributeName);
            if (i == 0 && layer is not InputLayerSpec)
            {
                violations.Add(new(DiagnosticIds.InputMissingOrNotFirst, i, null, $"The first layer must be [Input(channels, height, width)], not [{layer.AttributeName}]"));
                return Finish(input, shape, rows, violations);
            }

            if (order <= lastOrder || (layer is not InputLayerSpec && shape is null))
            {
                violations.Add(new(DiagnosticIds.LayerOutOfOrder, i, null, $"[{layer.AttributeName}] cannot come after [{spec.Layers[i - 1].AttributeName}]; the order is {string.Join(", ", Order.Select(o => "[" + o + "]"))}"));
                return Finish(input, shape, rows, violations);
            }

            if (layer is not InputLayerSpec && layer is not PatchifyLayerSpec && shape is { Length: not 2 })
            {
                violations.Add(new(DiagnosticIds.LayerOutOfOrder, i, null, $"[{layer.AttributeName}] needs tokens [N, D] but receives {Format(shape)}; put [Patchify(patch)] before it"));
                return Finish(input, shape, rows, violations);
            }

            lastOrder = order;
            int before = violations.Count;
            switch (layer)
            {
                case InputLayerSpec s:
                    Positive(violations, i, "channels", s.Channels);
                    Positive(violations, i, "height", s.Height);
                    Positive(violations, i, "width", s.Width);
                    if (violations.Count > before) break;
                    shape = input = new long[] { s.Channels, s.Height, s.Width };
                    break;

                case PatchifyLayerSpec s:
                    Positive(violations, i, "patch", s.Patch);
                    Positive(violations, i, "dim", s.Dim);
                    if (violations.Count > before) break;
                    long c = shape![0], h = shape[1], w = shape[2];
                    if (h % s.Patch != 0) violations.Add(new(DiagnosticIds.PatchDoesNotDivideImage, i, "patch", $"Patch size {s.Patch} does not divide the image height {h}; use {Divisors(h)}"));
                    if (w % s.Patch != 0 && w != h) violations.Add(new(DiagnosticIds.PatchDoesNotDivideImage, i, "patch", $"Patch size {s.Patch} does not divide the image width {w}; use {Divisors(w)}"));
                    if (violations.Count > before) break;
                    shape = new long[] { (h / s.Patch) * (w / s.Patch), s.Dim };
                    rows.Add(Row(i, "patch_embed", $"Patch embedding (Conv2d {s.Patch}x{s.Patch}, stride {s.Patch})", shape, Add(Mul(Mul(Mul(c, s.Patch), s.Patch), s.Dim), s.Dim)));
                    break;

                case ClassTokenLayerSpec:
                    shape = new long[] { shape![0] + 1, shape[1] };
                    hasClassToken = true;
                    rows.Add(Row(i, "cls_token", "Class token", shape, shape[1]));
                    break;

                case PositionEmbeddingLayerSpec s:
                    Rate(violations, i, "Dropout", s.Dropout);
                    if (violations.Count > before) break;
                    rows.Add(Row(i, "pos_embed", "Position embedding (learned)", shape!, Mul(shape![0], shape[1])));
                    break;

                case EncoderLayerSpec s:
                    Encoder(s, i, shape!, rows, violations);
                    break;

                case ClassifierHeadLayerSpec s:
                    Positive(violations, i, "classes", s.Classes);
                    if (s.Pool == Pooling.ClassToken && !hasClassToken)
                    {
                        violations.Add(new(DiagnosticIds.PoolingNeedsClassToken, i, "Pool", "Class-token pooling needs a [ClassToken] before the head; add [ClassToken] after [Patchify] or use Pool = Pooling.Mean"));
                    }

                    if (violations.Count > before) break;
                    long d = shape![1];
                    string pool = s.Pool == Pooling.ClassToken ? "class-token pooling" : "mean pooling";
                    shape = new long[] { s.Classes };
                    rows.Add(Row(i, "head", $"Linear {d}->{s.Classes} ({pool})", shape, Add(Mul(d, s.Classes), s.Classes)));
                    break;
            }

            if (violations.Count > before) return Finish(input, shape, rows, violations);
        }

        if (shape is null)
        {
            violations.Add(new(DiagnosticIds.InputMissingOrNotFirst, -1, null, $"The model {spec.ClassName} has no [Input(channels, height, width)]; add one as its first layer"));
        }
        else if (spec.Layers.Count > 0 && spec.Layers[spec.Layers.Count - 1] is InputLayerSpec)
        {
            violations.Add(new(DiagnosticIds.LayerOutOfOrder, 0, null, "[Input] alone is not a model; add [Patchify(patch)] after it"));
        }

        return Finish(input, shape, rows, violations);
    }

    static void Encoder(EncoderLayerSpec s, int i, long[] shape, List<LayerShape> rows, List<ShapeViolation> violations)
    {
        int before = violations.Count;
        long n = shape[0], d = shape[1];
        Positive(violations, i, "layers", s.Layers);
        Positive(violations, i, "heads", s.Heads);
        if (s.Layers > MaxLayers) violations.Add(new(DiagnosticIds.ModelTooLarge, i, "layers", $"{s.Layers} layers is more than ViT# builds ({MaxLayers}); use fewer"));
        if (s.Attention == AttentionKind.Split && s.Heads > 0 && d % s.Heads != 0)
        {
            violations.Add(new(DiagnosticIds.HeadsDoNotDivideDim, i, "heads", $"{s.Heads} heads do not divide the embedding width {d} (split attention gives each head D/heads features); use {Divisors(d)} heads, or a kind whose heads have the full width: Attention = AttentionKind.Wide or AttentionKind.TutorialListing"));
        }

        double hidden = d * s.MlpRatio;
        if (!(s.MlpRatio > 0) || double.IsInfinity(hidden) || Math.Abs(hidden - Math.Round(hidden)) > 1e-9 || hidden > MaxParameters)
        {
            violations.Add(new(DiagnosticIds.MlpWidthNotWhole, i, "MlpRatio", $"MLP ratio {s.MlpRatio.ToString(CultureInfo.InvariantCulture)} times width {d} gives {hidden.ToString(CultureInfo.InvariantCulture)}, not a positive whole number of features; use a ratio r with {d}·r whole, such as 4"));
        }

        Rate(violations, i, "Dropout", s.Dropout);
        Rate(violations, i, "AttentionDropout", s.AttentionDropout);
        if (!(s.NormEpsilon > 0) || s.NormEpsilon > 1)
        {
            violations.Add(new(DiagnosticIds.RateOutOfRange, i, "NormEpsilon", $"LayerNorm epsilon {s.NormEpsilon.ToString(CultureInfo.InvariantCulture)} must be positive and small; use 1e-6 (timm) or 1e-5 (PyTorch)"));
        }

        if (violations.Count > before) return;

        long perBlock = BlockParameters(d, s.Heads, s.Attention, (long)Math.Round(hidden), s.QkvBias);
        string act = s.Activation == Activation.ReLU ? "ReLU" : "GELU";
        string kind = s.Attention switch { AttentionKind.Split => "split", AttentionKind.Wide => "wide", _ => "tutorial listing" };
        for (int b = 0; b < s.Layers; b++)
        {
            rows.Add(Row(i, "blocks." + b.ToString(CultureInfo.InvariantCulture), $"Encoder block ({kind}, {s.Heads} heads, MLP {(long)Math.Round(hidden)} {act})", shape, perBlock));
        }

        if (s.FinalNorm != FinalNorm.None)
        {
            rows.Add(Row(i, "norm", s.FinalNorm == FinalNorm.Apply ? "LayerNorm" : "LayerNorm (created, not applied)", shape, 2 * d));
        }

        if (Mul(perBlock, s.Layers) > MaxParameters)
        {
            violations.Add(new(DiagnosticIds.ModelTooLarge, i, "layers", $"The encoder would have {Mul(perBlock, s.Layers)} parameters, more than ViT# builds ({MaxParameters}); use fewer layers or a smaller width"));
        }

        _ = n;
    }

    static ShapeViolation? UnknownOption(LayerSpec layer, int index)
    {
        static ShapeViolation Bad<T>(int index, string argument, T value) => new(DiagnosticIds.UnknownOption, index, argument, $"{argument} = {Convert.ToInt32(value, CultureInfo.InvariantCulture)} is not a defined {typeof(T).Name}; use one of {string.Join(", ", Enum.GetNames(typeof(T)))}");

        return layer switch
        {
            EncoderLayerSpec e when !Enum.IsDefined(typeof(AttentionKind), e.Attention) => Bad(index, "Attention", e.Attention),
            EncoderLayerSpec e when !Enum.IsDefined(typeof(Activation), e.Activation) => Bad(index, "Activation", e.Activation),
            EncoderLayerSpec e when !Enum.IsDefined(typeof(FinalNorm), e.FinalNorm) => Bad(index, "FinalNorm", e.FinalNorm),
            ClassifierHeadLayerSpec h when !Enum.IsDefined(typeof(Pooling), h.Pool) => Bad(index, "Pool", h.Pool),
            _ => null,
        };
    }

    /// <summary>Parameters of one pre-norm block: two LayerNorms, the attention and the MLP (wide and listing attention alike).</summary>
    public static long BlockParameters(long d, long heads, AttentionKind attention, long hidden, bool qkvBias)
    {
        long norms = 2 * (2 * d);
        long attn = attention == AttentionKind.Split
            ? Add(Add(Mul(d, 3 * d), qkvBias ? 3 * d : 0), Add(Mul(d, d), d))
            : Add(Mul(3, Add(Mul(d, Mul(d, heads)), qkvBias ? Mul(d, heads) : 0)), Add(Mul(Mul(d, heads), d), d));
        long mlp = Add(Add(Mul(d, hidden), hidden), Add(Mul(hidden, d), d));
        return Add(Add(norms, attn), mlp);
    }

    static ShapeTrace Finish(long[] input, long[]? shape, List<LayerShape> rows, List<ShapeViolation> violations)
    {
        long total = 0;
        foreach (var row in rows) total = Add(total, row.Parameters);
        if (total > MaxParameters && !violations.Any(v => v.Id == DiagnosticIds.ModelTooLarge))
        {
            violations.Add(new(DiagnosticIds.ModelTooLarge, -1, null, $"The model would have {total} parameters, more than ViT# builds ({MaxParameters}); make it smaller"));
        }

        return new ShapeTrace(input.ToEquatableArray(), (shape ?? Array.Empty<long>()).ToEquatableArray(), rows.ToEquatableArray(), violations.ToEquatableArray());
    }

    static LayerShape Row(int index, string name, string type, long[] shape, long parameters) =>
        new(index, name, type, shape.ToEquatableArray(), parameters);

    static void Positive(List<ShapeViolation> violations, int index, string argument, int value)
    {
        if (value <= 0) violations.Add(new(DiagnosticIds.NonPositiveSize, index, argument, FormattableString.Invariant($"{argument} is {value}; it must be a positive number")));
    }

    static void Rate(List<ShapeViolation> violations, int index, string argument, double value)
    {
        if (!(value >= 0 && value < 1)) violations.Add(new(DiagnosticIds.RateOutOfRange, index, argument, $"{argument} is {value.ToString(CultureInfo.InvariantCulture)}; a dropout rate lies in [0, 1), such as 0.1"));
    }

    /// <summary>The divisors of <paramref name="n"/> strictly between 1 and n, as "2, 4, 7 or 14" (or n itself when prime).</summary>
    public static string Divisors(long n)
    {
        var found = new List<long>();
        for (long k = 2; k < n && found.Count < 12 && k <= 1_000_000; k++)
        {
            if (n % k == 0) found.Add(k);
        }

        if (found.Count == 0) found.Add(n <= 1 ? 1 : n);
        var text = found.Select(f => f.ToString(CultureInfo.InvariantCulture)).ToList();
        return text.Count == 1 ? text[0] : string.Join(", ", text.Take(text.Count - 1)) + " or " + text[text.Count - 1];
    }

    static string Format(long[] shape) => "[" + string.Join(", ", shape.Select(s => s.ToString(CultureInfo.InvariantCulture))) + "]";

    /// <summary>Saturating multiply: absurd sizes give long.MaxValue rather than an overflow.</summary>
    static long Mul(long a, long b)
    {
        if (a == 0 || b == 0) return 0;
        return a > long.MaxValue / b ? long.MaxValue : a * b;
    }

    static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}

using System;
using System.Linq;
using ViT.Generators.Emit;
using ViT.Generators.Shared;
using static ViT.Generators.Emit.TorchNames;

namespace ViT.Generators.Layers;

/// <summary>
/// Writes the nested <c>Attention</c> module of an encoder from its <see cref="AttentionLayout"/>: the input Linears
/// (one fused <c>qkv</c>, or <c>q</c>, <c>k</c>, <c>v</c>), how their output becomes per-head q, k and v, then the scores,
/// softmax, weighted sum, heads back together and the projection, which every kind shares.
/// </summary>
internal static class AttentionWriter
{
    public static void Write(CodeWriter o, EncoderLayer e, string type, long n, long d)
    {
        var layout = e.Layout!;
        long heads = layout.Heads;
        string perHead = Fmt.Batched(layout.PerHead);
        var inputs = layout.Fused ? new[] { ("qkv", 3 * d) } : new[] { ("q", layout.Width), ("k", layout.Width), ("v", layout.Width) };
        WriteSummary(o, layout, n, d);
        string bias = e.QkvBias ? "" : ", hasBias: false";
        o.Open($"internal sealed class {type} : {Module}");
        o.Line($"private const double Scale = {Fmt.D(1.0 / Math.Sqrt(layout.ScaleBy))}; // 1/sqrt({Fmt.I(layout.ScaleBy)})");
        foreach (var (name, _) in inputs) o.Line($"private readonly {M}.Linear {name};");
        o.Line($"private readonly {M}.Linear proj;");
        o.Line($"private readonly {ComputePrecision} compute;");
        o.Line();
        o.Open($"public {type}({ComputePrecision} compute) : base({Fmt.Str("Attention")})");
        o.Line("this.compute = compute;");
        foreach (var (name, width) in inputs) o.Line($"{name} = {Nn}.Linear({Fmt.I(d)}, {Fmt.I(width)}{bias});");
        o.Line($"proj = {Nn}.Linear({Fmt.I(layout.Width)}, {Fmt.I(d)});");
        o.Line("RegisterComponents();");
        o.Close();
        o.Line();
        o.Open($"public override {Tensor} forward({Tensor} x)");
        o.Line("long B = x.shape[0];", Fmt.Batched(n, d));
        if (layout.Fused)
        {
            o.Line($"{Tensor} qkv = {Autocast}.Linear(this.qkv, x, compute).reshape(B, {Fmt.I(n)}, 3, {Fmt.I(heads)}, {Fmt.I(layout.Contracted)}).permute(2, 0, 3, 1, 4);", $"[3, B, {Fmt.I(heads)}, {Fmt.I(n)}, {Fmt.I(layout.Contracted)}]");
            foreach (var (name, index) in new[] { ("q", 0), ("k", 1), ("v", 2) }) o.Line($"{Tensor} {name} = qkv[{Fmt.I(index)}];", perHead);
        }
        else
        {
            var (view, swap) = layout.FullWidthView(n, d);
            foreach (var (name, _) in inputs) o.Line($"{Tensor} {name} = {Autocast}.Linear(this.{name}, x, compute).reshape(B, {Fmt.Args(view)}).transpose(1, {Fmt.I(swap)});", perHead);
        }

        string scores = Fmt.Batched(layout.Scores);
        o.Line($"{Tensor} attn = {Autocast}.MatMul(q, k.transpose(-2, -1), compute) * Scale;", scores);
        o.Line($"attn = {Autocast}.Softmax(attn);", scores + " (float32)");
        if (e.AttentionDropout > 0) o.Line($"attn = {Functional}.dropout(attn, {Fmt.D(e.AttentionDropout)}, training);", scores + " (timm's attn_drop)");
        o.Line($"x = {Autocast}.MatMul(attn, v, compute);", perHead);
        o.Line($"x = x.transpose(1, 2).reshape(B, {Fmt.I(n)}, {Fmt.I(layout.Width)});", Fmt.Batched(n, layout.Width));
        o.Line($"x = {Autocast}.Linear(proj, x, compute);", Fmt.Batched(n, d) + " (in the compute type; the residual sum is float32)");
        if (e.Dropout > 0) o.Line($"x = {Functional}.dropout(x, {Fmt.D(e.Dropout)}, training);", Fmt.Batched(n, d) + " (timm's proj_drop)");
        o.Line("return x;");
        o.Close();
        o.Close();
    }

    /// <summary>The module's doc comment: what the kind computes, in its own words.</summary>
    static void WriteSummary(CodeWriter o, AttentionLayout layout, long n, long d)
    {
        long heads = layout.Heads, wide = layout.Width;
        o.Line();
        if (layout.Kind == AttentionKind.Split)
        {
            o.Line($"/// <summary>Split multi-head self-attention (timm): {Fmt.I(heads)} heads of width {Fmt.I(d)}/{Fmt.I(heads)} = {Fmt.I(layout.Contracted)}, fused qkv, scale 1/sqrt({Fmt.I(layout.ScaleBy)}).</summary>");
            return;
        }

        o.Line("/// <summary>");
        if (layout.Kind == AttentionKind.TutorialListing)
        {
            o.Line($"/// Multi-head attention exactly as the tutorial's listing computes it: each of the {Fmt.I(heads)} heads has the full width {Fmt.I(d)};");
            o.Line($"/// q, k and v are Linear {Fmt.I(d)}->{Fmt.I(wide)} (feature index = i * {Fmt.I(heads)} + head), scores between features over the");
            o.Line($"/// {Fmt.I(n)} tokens, scale 1/sqrt({Fmt.I(n)}); the result is re-read as [B, {Fmt.I(n)}, {Fmt.I(wide)}] and projected {Fmt.I(wide)}->{Fmt.I(d)}.");
        }
        else
        {
            o.Line($"/// Wide multi-head self-attention (as the tutorial's comments describe it): each of the {Fmt.I(heads)} heads has the full width {Fmt.I(d)}; q, k and v are");
            o.Line($"/// Linear {Fmt.I(d)}->{Fmt.I(wide)} (feature index = head * {Fmt.I(d)} + i), scores over tokens, scale 1/sqrt({Fmt.I(d)}),");
            o.Line($"/// heads concatenated in that order and projected {Fmt.I(wide)}->{Fmt.I(d)}.");
        }

        o.Line("/// State-dict names: attn.q, attn.k, attn.v, attn.proj.");
        o.Line("/// </summary>");
    }
}

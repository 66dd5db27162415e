using System;
using ViT.Generators.Parsing;
using static ViT.Generators.Emit.TorchNames;

namespace ViT.Generators.Emit;

/// <summary>
/// Writes the nested <c>Attention</c> module of each kind: split (timm), wide (every head full width, scores over
/// tokens) and the tutorial's listing (full-width heads, scores between features). They share the tail of the forward.
/// </summary>
internal static class AttentionEmitter
{
    /// <summary>timm's attention: one fused qkv Linear, heads of width D/h.</summary>
    public static void EmitSplit(CodeWriter o, EncoderLayerSpec e, long n, long d)
    {
        long heads = e.Heads, hd = d / heads;
        string bias = e.QkvBias ? "" : ", hasBias: false";
        o.Line();
        o.Line($"/// <summary>Split multi-head self-attention (timm): {Fmt.I(heads)} heads of width {Fmt.I(d)}/{Fmt.I(heads)} = {Fmt.I(hd)}, fused qkv, scale 1/sqrt({Fmt.I(hd)}).</summary>");
        o.Open($"internal sealed class Attention : {Module}");
        o.Line($"private const double Scale = {Fmt.D(1.0 / Math.Sqrt(hd))}; // 1/sqrt({Fmt.I(hd)})");
        o.Line($"private readonly {M}.Linear qkv;");
        if (e.AttentionDropout > 0) o.Line($"private readonly {M}.Dropout attn_drop;");
        o.Line($"private readonly {M}.Linear proj;");
        if (e.Dropout > 0) o.Line($"private readonly {M}.Dropout proj_drop;");
        o.Line();
        o.Open("public Attention() : base(nameof(Attention))");
        o.Line($"qkv = {Nn}.Linear({Fmt.I(d)}, {Fmt.I(3 * d)}{bias});");
        if (e.AttentionDropout > 0) o.Line($"attn_drop = {Nn}.Dropout({Fmt.D(e.AttentionDropout)});");
        o.Line($"proj = {Nn}.Linear({Fmt.I(d)}, {Fmt.I(d)});");
        if (e.Dropout > 0) o.Line($"proj_drop = {Nn}.Dropout({Fmt.D(e.Dropout)});");
        o.Line("RegisterComponents();");
        o.Close();
        o.Line();
        o.Open($"public override {Tensor} forward({Tensor} x)");
        o.Line("long B = x.shape[0];", Fmt.Batched(n, d));
        o.Line($"var qkv = this.qkv.forward(x).reshape(B, {Fmt.I(n)}, 3, {Fmt.I(heads)}, {Fmt.I(hd)}).permute(2, 0, 3, 1, 4);", $"[3, B, {Fmt.I(heads)}, {Fmt.I(n)}, {Fmt.I(hd)}]");
        o.Line("var q = qkv[0];", Fmt.Batched(heads, n, hd));
        o.Line("var k = qkv[1];", Fmt.Batched(heads, n, hd));
        o.Line("var v = qkv[2];", Fmt.Batched(heads, n, hd));
        EmitCore(o, e, n, d, d, Fmt.Batched(heads, n, n), Fmt.Batched(heads, n, hd));
        o.Close();
        o.Close();
    }

    /// <summary>
    /// Wide attention (every head full width, q, k, v Linear D->D·h) in one of its two readings: scores over tokens as
    /// the tutorial's comments describe, or, with <paramref name="listing"/>, what the tutorial's listing computes.
    /// </summary>
    public static void EmitFullWidth(CodeWriter o, EncoderLayerSpec e, long n, long d, bool listing)
    {
        long heads = e.Heads, wide = d * heads, scaleBy = listing ? n : d;
        string bias = e.QkvBias ? "" : ", hasBias: false";
        o.Line();
        o.Line($"/// <summary>");
        if (listing)
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

        o.Line($"/// State-dict names: attn.q, attn.k, attn.v, attn.proj.");
        o.Line($"/// </summary>");
        o.Open($"internal sealed class Attention : {Module}");
        o.Line($"private const double Scale = {Fmt.D(1.0 / Math.Sqrt(scaleBy))}; // 1/sqrt({Fmt.I(scaleBy)})");
        o.Line($"private readonly {M}.Linear q;");
        o.Line($"private readonly {M}.Linear k;");
        o.Line($"private readonly {M}.Linear v;");
        if (e.AttentionDropout > 0) o.Line($"private readonly {M}.Dropout attn_drop;");
        o.Line($"private readonly {M}.Linear proj;");
        if (e.Dropout > 0) o.Line($"private readonly {M}.Dropout proj_drop;");
        o.Line();
        o.Open("public Attention() : base(nameof(Attention))");
        o.Line($"q = {Nn}.Linear({Fmt.I(d)}, {Fmt.I(wide)}{bias});");
        o.Line($"k = {Nn}.Linear({Fmt.I(d)}, {Fmt.I(wide)}{bias});");
        o.Line($"v = {Nn}.Linear({Fmt.I(d)}, {Fmt.I(wide)}{bias});");
        if (e.AttentionDropout > 0) o.Line($"attn_drop = {Nn}.Dropout({Fmt.D(e.AttentionDropout)});");
        o.Line($"proj = {Nn}.Linear({Fmt.I(wide)}, {Fmt.I(d)});");
        if (e.Dropout > 0) o.Line($"proj_drop = {Nn}.Dropout({Fmt.D(e.Dropout)});");
        o.Line("RegisterComponents();");
        o.Close();
        o.Line();
        o.Open($"public override {Tensor} forward({Tensor} x)");
        o.Line("long B = x.shape[0];", Fmt.Batched(n, d));
        if (listing)
        {
            foreach (string name in new[] { "q", "k", "v" })
                o.Line($"var {name} = this.{name}.forward(x).reshape(B, {Fmt.I(n)}, {Fmt.I(d)}, {Fmt.I(heads)}).transpose(1, 3);", Fmt.Batched(heads, d, n));
            EmitCore(o, e, n, wide, d, Fmt.Batched(heads, d, d), Fmt.Batched(heads, d, n));
        }
        else
        {
            foreach (string name in new[] { "q", "k", "v" })
                o.Line($"var {name} = this.{name}.forward(x).reshape(B, {Fmt.I(n)}, {Fmt.I(heads)}, {Fmt.I(d)}).transpose(1, 2);", Fmt.Batched(heads, n, d));
            EmitCore(o, e, n, wide, d, Fmt.Batched(heads, n, n), Fmt.Batched(heads, n, d));
        }
        o.Close();
        o.Close();
    }

    /// <summary>
    /// Scores, softmax, weighted sum, heads back together, projection: shared by all kinds, which differ only in how
    /// q, k and v were laid out (and so in the shapes of the scores and of the weighted sum).
    /// </summary>
    static void EmitCore(CodeWriter o, EncoderLayerSpec e, long n, long concat, long d, string scoresShape, string weightedShape)
    {
        o.Line("var attn = q.matmul(k.transpose(-2, -1)) * Scale;", scoresShape);
        o.Line("attn = attn.softmax(-1);", scoresShape);
        if (e.AttentionDropout > 0) o.Line("attn = attn_drop.forward(attn);", scoresShape);
        o.Line("x = attn.matmul(v);", weightedShape);
        o.Line($"x = x.transpose(1, 2).reshape(B, {Fmt.I(n)}, {Fmt.I(concat)});", Fmt.Batched(n, concat));
        o.Line("x = proj.forward(x);", Fmt.Batched(n, d));
        if (e.Dropout > 0) o.Line("x = proj_drop.forward(x);", "same shape");
        o.Line("return x;");
    }
}

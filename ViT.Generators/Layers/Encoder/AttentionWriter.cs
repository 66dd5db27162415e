using System;
using ViT.Generators.Emit;
using ViT.Generators.Shared;
using static ViT.Generators.Emit.TorchNames;

namespace ViT.Generators.Layers;

/// <summary>
/// Writes the nested <c>Attention</c> module of each kind: split (timm), wide (every head full width, scores over
/// tokens) and the tutorial's listing (full-width heads, scores between features). They share the class's frame and
/// the tail of the forward, and differ in their input Linears and the layout of q, k and v.
/// </summary>
internal static class AttentionWriter
{
    public static void Write(CodeWriter o, EncoderLayer e, string type, long n, long d)
    {
        if (e.Attention == AttentionKind.Split) WriteSplit(o, e, type, n, d);
        else WriteFullWidth(o, e, type, n, d, listing: e.Attention == AttentionKind.TutorialListing);
    }

    /// <summary>timm's attention: one fused qkv Linear, heads of width D/h.</summary>
    static void WriteSplit(CodeWriter o, EncoderLayer e, string type, long n, long d)
    {
        long heads = e.Heads, hd = d / heads;
        o.Line();
        o.Line($"/// <summary>Split multi-head self-attention (timm): {Fmt.I(heads)} heads of width {Fmt.I(d)}/{Fmt.I(heads)} = {Fmt.I(hd)}, fused qkv, scale 1/sqrt({Fmt.I(hd)}).</summary>");
        WriteModule(o, e, type, n, d, scaleBy: hd, inputs: new[] { ("qkv", 3 * d) }, concat: d, Fmt.Batched(heads, n, n), Fmt.Batched(heads, n, hd), layout: () =>
        {
            o.Line($"{Tensor} qkv = {Autocast}.Linear(this.qkv, x, compute).reshape(B, {Fmt.I(n)}, 3, {Fmt.I(heads)}, {Fmt.I(hd)}).permute(2, 0, 3, 1, 4);", $"[3, B, {Fmt.I(heads)}, {Fmt.I(n)}, {Fmt.I(hd)}]");
            o.Line($"{Tensor} q = qkv[0];", Fmt.Batched(heads, n, hd));
            o.Line($"{Tensor} k = qkv[1];", Fmt.Batched(heads, n, hd));
            o.Line($"{Tensor} v = qkv[2];", Fmt.Batched(heads, n, hd));
        });
    }

    /// <summary>
    /// Wide attention (every head full width, q, k, v Linear D->D·h) in one of its two readings: scores over tokens as
    /// the tutorial's comments describe, or, with <paramref name="listing"/>, what the tutorial's listing computes.
    /// </summary>
    static void WriteFullWidth(CodeWriter o, EncoderLayer e, string type, long n, long d, bool listing)
    {
        long heads = e.Heads, wide = d * heads;
        o.Line();
        o.Line("/// <summary>");
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

        o.Line("/// State-dict names: attn.q, attn.k, attn.v, attn.proj.");
        o.Line("/// </summary>");

        // The listing splits each projection as [features, heads] and attends between features; the comments' reading
        // splits it as [heads, features] and attends between tokens.
        var inputs = new[] { ("q", wide), ("k", wide), ("v", wide) };
        var (scaleBy, split, perHead, scores) = listing
            ? (n, $"reshape(B, {Fmt.I(n)}, {Fmt.I(d)}, {Fmt.I(heads)}).transpose(1, 3)", Fmt.Batched(heads, d, n), Fmt.Batched(heads, d, d))
            : (d, $"reshape(B, {Fmt.I(n)}, {Fmt.I(heads)}, {Fmt.I(d)}).transpose(1, 2)", Fmt.Batched(heads, n, d), Fmt.Batched(heads, n, n));
        WriteModule(o, e, type, n, d, scaleBy, inputs, concat: wide, scores, weightedShape: perHead, layout: () =>
        {
            foreach (var (name, _) in inputs) o.Line($"{Tensor} {name} = {Autocast}.Linear(this.{name}, x, compute).{split};", perHead);
        });
    }

    /// <summary>
    /// The <c>Attention</c> class every kind shares: its scale, the input Linears D->width it names, the optional
    /// dropouts and the projection concat->D; the forward lays out q, k and v with <paramref name="layout"/>, then
    /// runs <see cref="WriteCore"/>.
    /// </summary>
    static void WriteModule(CodeWriter o, EncoderLayer e, string type, long n, long d, long scaleBy, (string Name, long Width)[] inputs, long concat,
        string scoresShape, string weightedShape, Action layout)
    {
        string bias = e.QkvBias ? "" : ", hasBias: false";
        o.Open($"internal sealed class {type} : {Module}");
        o.Line($"private const double Scale = {Fmt.D(1.0 / Math.Sqrt(scaleBy))}; // 1/sqrt({Fmt.I(scaleBy)})");
        foreach (var (name, _) in inputs) o.Line($"private readonly {M}.Linear {name};");
        o.Line($"private readonly {M}.Linear proj;");
        o.Line($"private readonly {ComputePrecision} compute;");
        o.Line();
        o.Open($"public {type}({ComputePrecision} compute) : base({Fmt.Str("Attention")})");
        o.Line("this.compute = compute;");
        foreach (var (name, width) in inputs) o.Line($"{name} = {Nn}.Linear({Fmt.I(d)}, {Fmt.I(width)}{bias});");
        o.Line($"proj = {Nn}.Linear({Fmt.I(concat)}, {Fmt.I(d)});");
        o.Line("RegisterComponents();");
        o.Close();
        o.Line();
        o.Open($"public override {Tensor} forward({Tensor} x)");
        o.Line("long B = x.shape[0];", Fmt.Batched(n, d));
        layout();
        WriteCore(o, e, n, concat, d, scoresShape, weightedShape);
        o.Close();
        o.Close();
    }

    /// <summary>
    /// Scores, softmax, weighted sum, heads back together, projection: shared by all kinds, which differ only in how
    /// q, k and v were laid out (and so in the shapes of the scores and of the weighted sum).
    /// </summary>
    static void WriteCore(CodeWriter o, EncoderLayer e, long n, long concat, long d, string scoresShape, string weightedShape)
    {
        o.Line($"{Tensor} attn = {Autocast}.MatMul(q, k.transpose(-2, -1), compute) * Scale;", scoresShape);
        o.Line($"attn = {Autocast}.Softmax(attn);", scoresShape + " (float32)");
        if (e.AttentionDropout > 0) o.Line($"attn = {Functional}.dropout(attn, {Fmt.D(e.AttentionDropout)}, training);", scoresShape + " (timm's attn_drop)");
        o.Line($"x = {Autocast}.MatMul(attn, v, compute);", weightedShape);
        o.Line($"x = x.transpose(1, 2).reshape(B, {Fmt.I(n)}, {Fmt.I(concat)});", Fmt.Batched(n, concat));
        o.Line($"x = {Autocast}.Linear(proj, x, compute);", Fmt.Batched(n, d) + " (in the compute type; the residual sum is float32)");
        if (e.Dropout > 0) o.Line($"x = {Functional}.dropout(x, {Fmt.D(e.Dropout)}, training);", Fmt.Batched(n, d) + " (timm's proj_drop)");
        o.Line("return x;");
    }
}

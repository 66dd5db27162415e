using System;
using ViT.Generators.Emit;
using ViT.Generators.Shared;

namespace ViT.Generators.Layers;

/// <summary>
/// Writes an encoder's blocks as ONNX nodes: a loop over the blocks, each x + attn(norm1(x)), then x + mlp(norm2(x)),
/// with the attention of its kind laid out as the TorchSharp <c>Attention</c> does (see <see cref="AttentionWriter"/>):
/// the same reshapes, axis orders, scale and head concatenation, so both compute the same numbers.
/// </summary>
internal static class OnnxBlockWriter
{
    public static void Write(CodeWriter o, EncoderLayer e, string blocks, long n, long d)
    {
        string tokens = Fmt.Batched(n, d);
        o.Open($"for (int i = 0; i < {Fmt.I(e.Layers)}; i++)");
        o.Line($"string block = {OnnxCode.Name(blocks + ".")} + i + \".\";", $"{blocks}.{{i}}.");
        o.Line($"string h = onnx.LayerNormalization(x, block + \"norm1\", epsilon: {Fmt.D(e.NormEpsilon)});", tokens);
        WriteAttention(o, e, n, d);
        if (e.LayerScale > 0) o.Line("h = onnx.Mul(h, onnx.Parameter(block + \"ls1.gamma\"));", tokens);
        o.Line("x = onnx.Add(x, h);", tokens + " (x + attn(norm1(x)))");
        o.Line($"h = onnx.LayerNormalization(x, block + \"norm2\", epsilon: {Fmt.D(e.NormEpsilon)});", tokens);
        o.Line("h = onnx.Linear(h, block + \"mlp.fc1\");", Fmt.Batched(n, e.Hidden));
        o.Line($"h = {ActivationLayer.OnnxCall(e.Activation, "h")};", Fmt.Batched(n, e.Hidden));
        o.Line("h = onnx.Linear(h, block + \"mlp.fc2\");", tokens);
        if (e.LayerScale > 0) o.Line("h = onnx.Mul(h, onnx.Parameter(block + \"ls2.gamma\"));", tokens);
        o.Line("x = onnx.Add(x, h);", tokens + " (x + mlp(norm2(x)))");
        o.Close();
    }

    /// <summary>From <c>h</c> = norm1(x) to <c>h</c> = attn(norm1(x)): q, k and v laid out per kind, then the shared core.</summary>
    static void WriteAttention(CodeWriter o, EncoderLayer e, long n, long d)
    {
        long heads = e.Heads;
        string bias = e.QkvBias ? "" : ", bias: false";
        if (e.Attention == AttentionKind.Split)
        {
            long hd = d / heads;
            o.Line($"string qkv = onnx.Linear(h, block + \"attn.qkv\"{bias});", Fmt.Batched(n, 3 * d));
            o.Line($"qkv = onnx.Transpose(onnx.Reshape(qkv, 0, {Fmt.I(n)}, 3, {Fmt.I(heads)}, {Fmt.I(hd)}), 2, 0, 3, 1, 4);", $"[3, B, {Fmt.I(heads)}, {Fmt.I(n)}, {Fmt.I(hd)}]");
            foreach (var (name, index) in new[] { ("q", 0), ("k", 1), ("v", 2) })
                o.Line($"string {name} = onnx.Gather(qkv, {Fmt.I(index)}, axis: 0);", Fmt.Batched(heads, n, hd));
            WriteCore(o, scaleBy: hd, Fmt.Batched(heads, n, n), Fmt.Batched(heads, n, hd), n, concat: d, d);
            return;
        }

        // Full-width heads: the listing reads each projection as [N, D, h] and attends between features (axes 1 and 3
        // swapped); the comments' reading takes [N, h, D] and attends between tokens (axes 1 and 2 swapped).
        bool listing = e.Attention == AttentionKind.TutorialListing;
        long wide = d * heads;
        var (split, order, perHead, scores, scaleBy) = listing
            ? ($"{Fmt.I(n)}, {Fmt.I(d)}, {Fmt.I(heads)}", "0, 3, 2, 1", Fmt.Batched(heads, d, n), Fmt.Batched(heads, d, d), n)
            : ($"{Fmt.I(n)}, {Fmt.I(heads)}, {Fmt.I(d)}", "0, 2, 1, 3", Fmt.Batched(heads, n, d), Fmt.Batched(heads, n, n), d);
        foreach (string name in new[] { "q", "k", "v" })
            o.Line($"string {name} = onnx.Transpose(onnx.Reshape(onnx.Linear(h, block + \"attn.{name}\"{bias}), 0, {split}), {order});", perHead);
        WriteCore(o, scaleBy, scores, perHead, n, concat: wide, d);
    }

    /// <summary>Scaled scores, softmax, weighted sum, heads back together ([B, N, concat], as the TorchSharp transpose and reshape), projection.</summary>
    static void WriteCore(CodeWriter o, long scaleBy, string scoresShape, string weightedShape, long n, long concat, long d)
    {
        o.Line($"string attn = onnx.Mul(onnx.MatMul(q, onnx.Transpose(k, 0, 1, 3, 2)), {Fmt.D(1.0 / Math.Sqrt(scaleBy))});", $"{scoresShape}, scale 1/sqrt({Fmt.I(scaleBy)})");
        o.Line("attn = onnx.Softmax(attn, -1);", scoresShape);
        o.Line("h = onnx.MatMul(attn, v);", weightedShape);
        o.Line($"h = onnx.Reshape(onnx.Transpose(h, 0, 2, 1, 3), 0, {Fmt.I(n)}, {Fmt.I(concat)});", Fmt.Batched(n, concat));
        o.Line("h = onnx.Linear(h, block + \"attn.proj\");", Fmt.Batched(n, d));
    }
}

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

    /// <summary>From <c>h</c> = norm1(x) to <c>h</c> = attn(norm1(x)): q, k and v laid out as the encoder's <see cref="AttentionLayout"/> says, then the shared core.</summary>
    static void WriteAttention(CodeWriter o, EncoderLayer e, long n, long d)
    {
        var layout = e.Layout!;
        long heads = layout.Heads;
        string bias = e.QkvBias ? "" : ", bias: false";
        string perHead = Fmt.Batched(layout.PerHead), scores = Fmt.Batched(layout.Scores);
        if (layout.Fused)
        {
            o.Line($"string qkv = onnx.Linear(h, block + \"attn.qkv\"{bias});", Fmt.Batched(n, 3 * d));
            o.Line($"qkv = onnx.Transpose(onnx.Reshape(qkv, 0, {Fmt.I(n)}, 3, {Fmt.I(heads)}, {Fmt.I(layout.Contracted)}), 2, 0, 3, 1, 4);", $"[3, B, {Fmt.I(heads)}, {Fmt.I(n)}, {Fmt.I(layout.Contracted)}]");
            foreach (var (name, index) in new[] { ("q", 0), ("k", 1), ("v", 2) })
                o.Line($"string {name} = onnx.Gather(qkv, {Fmt.I(index)}, axis: 0);", perHead);
        }
        else
        {
            // The TorchSharp module's transpose(1, swap) as a permutation of [B, a, b, c].
            var (view, swap) = layout.FullWidthView(n, d);
            string order = swap == 2 ? "0, 2, 1, 3" : "0, 3, 2, 1";
            foreach (string name in new[] { "q", "k", "v" })
                o.Line($"string {name} = onnx.Transpose(onnx.Reshape(onnx.Linear(h, block + \"attn.{name}\"{bias}), 0, {Fmt.Args(view)}), {order});", perHead);
        }

        o.Line($"string attn = onnx.Mul(onnx.MatMul(q, onnx.Transpose(k, 0, 1, 3, 2)), {Fmt.D(1.0 / Math.Sqrt(layout.ScaleBy))});", $"{scores}, scale 1/sqrt({Fmt.I(layout.ScaleBy)})");
        o.Line("attn = onnx.Softmax(attn, -1);", scores);
        o.Line("h = onnx.MatMul(attn, v);", perHead);
        o.Line($"h = onnx.Reshape(onnx.Transpose(h, 0, 2, 1, 3), 0, {Fmt.I(n)}, {Fmt.I(layout.Width)});", Fmt.Batched(n, layout.Width));
        o.Line("h = onnx.Linear(h, block + \"attn.proj\");", Fmt.Batched(n, d));
    }
}

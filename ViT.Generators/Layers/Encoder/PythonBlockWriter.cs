using System;
using ViT.Generators.Emit;
using ViT.Generators.Shapes;
using ViT.Generators.Shared;

namespace ViT.Generators.Layers;

/// <summary>
/// Writes an encoder's classes in the PyTorch twin, as timm writes them: <c>Attention</c> (from the encoder's
/// <see cref="AttentionLayout"/>, like <see cref="AttentionWriter"/>), <c>Mlp</c>, <c>LayerScale</c> and the pre-norm
/// <c>Block</c>; returns the block's class name.
/// </summary>
internal static class PythonBlockWriter
{
    public static string Write(EncoderLayer e, LayerStep step, PythonScope scope)
    {
        long n = step.Input[0], d = step.Input[1];
        string attention = scope.DefineType(step, "Attention", (o, name) => WriteAttention(o, name, e, n, d));
        string mlp = scope.DefineType(step, "Mlp", (o, name) => WriteMlp(o, name, e, n, d));
        string? layerScale = e.LayerScale > 0 ? scope.DefineType(step, "LayerScale", (o, name) => WriteLayerScale(o, name, e, d)) : null;
        string dropPath = e.DropPath > 0 ? scope.File.DropPath() : "";
        return scope.DefineType(step, "Block", (o, name) => WriteBlock(o, name, e, attention, mlp, layerScale, dropPath, n, d));
    }

    static void WriteAttention(CodeWriter o, string name, EncoderLayer e, long n, long d)
    {
        var layout = e.Layout!;
        long heads = layout.Heads;
        string perHead = Fmt.Batched(layout.PerHead), scores = Fmt.Batched(layout.Scores);
        string bias = e.QkvBias ? "" : ", bias=False";
        o.Open($"class {name}(nn.Module):");
        string kind = layout.Kind switch { AttentionKind.Split => "timm's split", AttentionKind.Wide => "Wide", _ => "The tutorial listing's" };
        o.Line($"\"\"\"{kind} multi-head self-attention: {Fmt.I(heads)} heads, q, k and v per head {perHead}, scores {scores}.\"\"\"");
        o.Line();
        o.Line($"scale = {Python.Float(1.0 / Math.Sqrt(layout.ScaleBy))}  # 1/sqrt({Fmt.I(layout.ScaleBy)})");
        o.Line();
        o.Open("def __init__(self):");
        o.Line("super().__init__()");
        if (layout.Fused) o.Line($"self.qkv = nn.Linear({Fmt.I(d)}, {Fmt.I(3 * d)}{bias})");
        else foreach (var input in new[] { "q", "k", "v" }) o.Line($"self.{input} = nn.Linear({Fmt.I(d)}, {Fmt.I(layout.Width)}{bias})");
        o.Line($"self.proj = nn.Linear({Fmt.I(layout.Width)}, {Fmt.I(d)})");
        o.Close();
        o.Line();
        o.Open("def forward(self, x):");
        o.Line("B = x.shape[0]", Fmt.Batched(n, d));
        if (layout.Fused)
        {
            o.Line($"qkv = self.qkv(x).reshape(B, {Fmt.I(n)}, 3, {Fmt.I(heads)}, {Fmt.I(layout.Contracted)}).permute(2, 0, 3, 1, 4)", $"[3, B, {Fmt.I(heads)}, {Fmt.I(n)}, {Fmt.I(layout.Contracted)}]");
            o.Line("q, k, v = qkv[0], qkv[1], qkv[2]", perHead);
        }
        else
        {
            var (view, swap) = layout.FullWidthView(n, d);
            foreach (var input in new[] { "q", "k", "v" }) o.Line($"{input} = self.{input}(x).reshape(B, {Fmt.Args(view)}).transpose(1, {Fmt.I(swap)})", perHead);
        }

        o.Line("attn = (q @ k.transpose(-2, -1)) * self.scale", scores);
        o.Line("attn = attn.float().softmax(-1) if attn.dtype == torch.bfloat16 else attn.softmax(-1)", scores + " (float32 from bfloat16)");
        if (e.AttentionDropout > 0) o.Line($"attn = F.dropout(attn, {Python.Float(e.AttentionDropout)}, self.training)", scores + " (timm's attn_drop)");
        o.Line("x = attn @ v", perHead);
        o.Line($"x = x.transpose(1, 2).reshape(B, {Fmt.I(n)}, {Fmt.I(layout.Width)})", Fmt.Batched(n, layout.Width));
        o.Line("x = self.proj(x)", Fmt.Batched(n, d));
        if (e.Dropout > 0) o.Line($"x = F.dropout(x, {Python.Float(e.Dropout)}, self.training)", Fmt.Batched(n, d) + " (timm's proj_drop)");
        o.Line("return x");
        o.Close();
        o.Close();
    }

    static void WriteMlp(CodeWriter o, string name, EncoderLayer e, long n, long d)
    {
        long hidden = e.Hidden;
        o.Open($"class {name}(nn.Module):");
        o.Line($"\"\"\"The block's MLP: Linear {Fmt.I(d)}->{Fmt.I(hidden)}, {ActivationLayer.Name(e.Activation)}, Linear {Fmt.I(hidden)}->{Fmt.I(d)}.\"\"\"");
        o.Line();
        o.Open("def __init__(self):");
        o.Line("super().__init__()");
        o.Line($"self.fc1 = nn.Linear({Fmt.I(d)}, {Fmt.I(hidden)})");
        o.Line($"self.fc2 = nn.Linear({Fmt.I(hidden)}, {Fmt.I(d)})");
        o.Close();
        o.Line();
        o.Open("def forward(self, x):");
        o.Line("x = self.fc1(x)", Fmt.Batched(n, hidden));
        o.Line($"x = {ActivationLayer.PythonCall(e.Activation, "x")}", Fmt.Batched(n, hidden));
        if (e.Dropout > 0) o.Line($"x = F.dropout(x, {Python.Float(e.Dropout)}, self.training)", Fmt.Batched(n, hidden) + " (timm's drop1)");
        o.Line("x = self.fc2(x)", Fmt.Batched(n, d));
        if (e.Dropout > 0) o.Line($"x = F.dropout(x, {Python.Float(e.Dropout)}, self.training)", Fmt.Batched(n, d) + " (timm's drop2)");
        o.Line("return x");
        o.Close();
        o.Close();
    }

    static void WriteLayerScale(CodeWriter o, string name, EncoderLayer e, long d)
    {
        o.Open($"class {name}(nn.Module):");
        o.Line($"\"\"\"A learned scale per feature (timm's LayerScale), started at {Python.Float(e.LayerScale)}.\"\"\"");
        o.Line();
        o.Open("def __init__(self):");
        o.Line("super().__init__()");
        o.Line($"self.gamma = nn.Parameter(torch.full(({Fmt.I(d)},), {Python.Float(e.LayerScale)}))");
        o.Close();
        o.Line();
        o.Open("def forward(self, x):");
        o.Line("return x * self.gamma");
        o.Close();
        o.Close();
    }

    static void WriteBlock(CodeWriter o, string name, EncoderLayer e, string attention, string mlp, string? layerScale, string dropPath, long n, long d)
    {
        string Branch(string branch, string ls) => Drop(layerScale is not null ? $"self.{ls}({branch})" : branch);
        string Drop(string branch) => dropPath.Length > 0 ? $"{dropPath}({branch}, self.drop_path_rate, self.training)" : branch;
        o.Open($"class {name}(nn.Module):");
        o.Line($"\"\"\"A pre-norm transformer block: x + attn(norm1(x)), then x + mlp(norm2(x)); LayerNorm eps {Python.Float(e.NormEpsilon)}.\"\"\"");
        o.Line();
        o.Open(dropPath.Length > 0 ? "def __init__(self, drop_path_rate):" : "def __init__(self):");
        o.Line("super().__init__()");
        o.Line($"self.norm1 = nn.LayerNorm({Fmt.I(d)}, eps={Python.Float(e.NormEpsilon)})");
        o.Line($"self.attn = {attention}()");
        if (layerScale is not null) o.Line($"self.ls1 = {layerScale}()");
        o.Line($"self.norm2 = nn.LayerNorm({Fmt.I(d)}, eps={Python.Float(e.NormEpsilon)})");
        o.Line($"self.mlp = {mlp}()");
        if (layerScale is not null) o.Line($"self.ls2 = {layerScale}()");
        if (dropPath.Length > 0) o.Line("self.drop_path_rate = drop_path_rate");
        o.Close();
        o.Line();
        o.Open("def forward(self, x):");
        o.Line($"x = x + {Branch("self.attn(self.norm1(x))", "ls1")}", Fmt.Batched(n, d));
        o.Line($"x = x + {Branch("self.mlp(self.norm2(x))", "ls2")}", Fmt.Batched(n, d));
        o.Line("return x");
        o.Close();
        o.Close();
    }
}

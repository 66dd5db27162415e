using ViT.Generators.Emit;
using ViT.Generators.Shapes;
using ViT.Generators.Shared;
using static ViT.Generators.Emit.TorchNames;

namespace ViT.Generators.Layers;

/// <summary>Writes an encoder's nested modules: the pre-norm <c>Block</c>, its <c>Mlp</c> and (through <see cref="AttentionWriter"/>) its <c>Attention</c>.</summary>
internal static class BlockWriter
{
    public static void Write(EncoderLayer e, LayerStep step, EmitScope scope)
    {
        long n = step.Input[0], d = step.Input[1];
        var names = new BlockNames(scope.TypeName(step, "Block"), scope.TypeName(step, "Attention"), scope.TypeName(step, "Mlp"), scope.TypeName(step, "LayerScale"));
        AttentionWriter.Write(scope.Code, e, names.Attention, n, d);
        WriteMlp(scope.Code, e, names.Mlp, n, d);
        WriteBlock(scope.Code, e, names, n, d);
    }

    static void WriteMlp(CodeWriter o, EncoderLayer e, string type, long n, long d)
    {
        long hidden = e.Hidden;
        string act = e.Activation == Activation.GELU ? "exact (erf) GELU" : ActivationLayer.Name(e.Activation);
        o.Line();
        o.Line($"/// <summary>The block's MLP: Linear {Fmt.I(d)}->{Fmt.I(hidden)}, {act}, Linear {Fmt.I(hidden)}->{Fmt.I(d)}.</summary>");
        o.Open($"internal sealed class {type} : {Module}");
        o.Line($"private readonly {M}.Linear fc1;");
        o.Line($"private readonly {M}.Linear fc2;");
        o.Line($"private readonly {ComputePrecision} compute;");
        o.Line();
        o.Open($"public {type}({ComputePrecision} compute) : base({Fmt.Str("Mlp")})");
        o.Line("this.compute = compute;");
        o.Line($"fc1 = {Nn}.Linear({Fmt.I(d)}, {Fmt.I(hidden)});");
        o.Line($"fc2 = {Nn}.Linear({Fmt.I(hidden)}, {Fmt.I(d)});");
        o.Line("RegisterComponents();");
        o.Close();
        o.Line();
        o.Open($"public override {Tensor} forward({Tensor} x)");
        o.Line($"x = {Autocast}.Linear(fc1, x, compute);", Fmt.Batched(n, hidden));
        o.Line($"x = {ActivationLayer.Call(e.Activation, "x")};", Fmt.Batched(n, hidden));
        if (e.Dropout > 0) o.Line($"x = {Functional}.dropout(x, {Fmt.D(e.Dropout)}, training);", Fmt.Batched(n, hidden) + " (timm's drop1)");
        o.Line($"x = {Autocast}.Linear(fc2, x, compute);", Fmt.Batched(n, d) + " (in the compute type; the residual sum is float32)");
        if (e.Dropout > 0) o.Line($"x = {Functional}.dropout(x, {Fmt.D(e.Dropout)}, training);", Fmt.Batched(n, d) + " (timm's drop2)");
        o.Line("return x;");
        o.Close();
        o.Close();
    }

    static void WriteBlock(CodeWriter o, EncoderLayer e, BlockNames names, long n, long d)
    {
        bool scale = e.LayerScale > 0, drop = e.DropPath > 0;
        string Branch(string branch, string ls) => Drop(scale ? $"{ls}.forward({branch})" : branch);
        string Drop(string branch) => drop ? $"global::ViT.DropPath.Apply({branch}, dropPath, training)" : branch;
        o.Line();
        o.Line($"/// <summary>A pre-norm transformer block: x + {Branch("attn(norm1(x))", "ls1").Replace(".forward", "")}, then x + {Branch("mlp(norm2(x))", "ls2").Replace(".forward", "")}; LayerNorm eps {Fmt.D(e.NormEpsilon)}.</summary>");
        o.Open($"internal sealed class {names.Block} : {Module}");
        o.Line($"private readonly {M}.LayerNorm norm1;");
        o.Line($"private readonly {names.Attention} attn;");
        if (scale) o.Line($"private readonly {names.LayerScale} ls1;");
        o.Line($"private readonly {M}.LayerNorm norm2;");
        o.Line($"private readonly {names.Mlp} mlp;");
        if (scale) o.Line($"private readonly {names.LayerScale} ls2;");
        if (drop) o.Line("private readonly double dropPath;");
        o.Line();
        o.Open($"public {names.Block}({ComputePrecision} compute{(drop ? ", double dropPath" : "")}) : base({Fmt.Str("Block")})");
        o.Line($"norm1 = {Nn}.LayerNorm({Fmt.I(d)}, eps: {Fmt.D(e.NormEpsilon)});");
        o.Line($"attn = new {names.Attention}(compute);");
        if (scale) o.Line($"ls1 = new {names.LayerScale}();");
        o.Line($"norm2 = {Nn}.LayerNorm({Fmt.I(d)}, eps: {Fmt.D(e.NormEpsilon)});");
        o.Line($"mlp = new {names.Mlp}(compute);");
        if (scale) o.Line($"ls2 = new {names.LayerScale}();");
        if (drop) o.Line("this.dropPath = dropPath;");
        o.Line("RegisterComponents();");
        o.Close();
        o.Line();
        o.Open($"public override {Tensor} forward({Tensor} x)");
        o.Line($"x = x + {Branch("attn.forward(norm1.forward(x))", "ls1")};", Fmt.Batched(n, d));
        o.Line($"x = x + {Branch("mlp.forward(norm2.forward(x))", "ls2")};", Fmt.Batched(n, d));
        o.Line("return x;");
        o.Close();
        o.Close();
        if (scale) WriteLayerScale(o, e, names.LayerScale, d);
    }

    /// <summary>timm's <c>LayerScale</c>: a learned scale per feature, <c>gamma</c>, started at the encoder's <c>LayerScale</c>.</summary>
    static void WriteLayerScale(CodeWriter o, EncoderLayer e, string type, long d)
    {
        o.Line();
        o.Line($"/// <summary>A learned scale per feature (timm's LayerScale), started at {Fmt.D(e.LayerScale)}.</summary>");
        o.Open($"internal sealed class {type} : {Module}");
        o.Line($"private readonly {Parameter} gamma;");
        o.Line();
        o.Open($"public {type}() : base({Fmt.Str("LayerScale")})");
        o.Line($"gamma = new {Parameter}({Torch}.full(new long[] {{ {Fmt.I(d)} }}, {Fmt.D(e.LayerScale)}, dtype: {Torch}.float32));");
        o.Line("RegisterComponents();");
        o.Close();
        o.Line();
        o.Line($"public override {Tensor} forward({Tensor} x) => x * gamma;");
        o.Close();
    }

    private readonly record struct BlockNames(string Block, string Attention, string Mlp, string LayerScale);
}

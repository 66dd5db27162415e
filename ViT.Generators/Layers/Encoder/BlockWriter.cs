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
        var names = new BlockNames(scope.TypeName(step, "Block"), scope.TypeName(step, "Attention"), scope.TypeName(step, "Mlp"));
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
        o.Line();
        o.Line($"/// <summary>A pre-norm transformer block: x + attn(norm1(x)), then x + mlp(norm2(x)); LayerNorm eps {Fmt.D(e.NormEpsilon)}.</summary>");
        o.Open($"internal sealed class {names.Block} : {Module}");
        o.Line($"private readonly {M}.LayerNorm norm1;");
        o.Line($"private readonly {names.Attention} attn;");
        o.Line($"private readonly {M}.LayerNorm norm2;");
        o.Line($"private readonly {names.Mlp} mlp;");
        o.Line();
        o.Open($"public {names.Block}({ComputePrecision} compute) : base({Fmt.Str("Block")})");
        o.Line($"norm1 = {Nn}.LayerNorm({Fmt.I(d)}, eps: {Fmt.D(e.NormEpsilon)});");
        o.Line($"attn = new {names.Attention}(compute);");
        o.Line($"norm2 = {Nn}.LayerNorm({Fmt.I(d)}, eps: {Fmt.D(e.NormEpsilon)});");
        o.Line($"mlp = new {names.Mlp}(compute);");
        o.Line("RegisterComponents();");
        o.Close();
        o.Line();
        o.Open($"public override {Tensor} forward({Tensor} x)");
        o.Line("x = x + attn.forward(norm1.forward(x));", Fmt.Batched(n, d));
        o.Line("x = x + mlp.forward(norm2.forward(x));", Fmt.Batched(n, d));
        o.Line("return x;");
        o.Close();
        o.Close();
    }

    private readonly record struct BlockNames(string Block, string Attention, string Mlp);
}

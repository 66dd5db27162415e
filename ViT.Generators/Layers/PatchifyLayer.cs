using System.Linq;
using ViT.Generators.Diagnostics;
using ViT.Generators.Emit;
using ViT.Generators.Helpers;
using ViT.Generators.Parsing;
using ViT.Generators.Shapes;
using static ViT.Generators.Emit.TorchNames;

namespace ViT.Generators.Layers;

/// <summary>
/// <c>[Patchify(patch, dim)]</c>: cuts the image into patch × patch squares and embeds each in D features (timm's
/// <c>patch_embed.proj</c>, a Conv2d with kernel = stride = patch). <c>[C, H, W]</c> → <c>[(H/p)(W/p), D]</c>.
/// </summary>
public sealed record PatchifyLayer(int Patch, int Dim) : Layer
{
    public override string AttributeName => "Patchify";

    public static Layer Read(AttributeArguments a) =>
        a.Int("patch") is int patch && a.Int("dim") is int dim ? new PatchifyLayer(patch, dim) : new UnreadableLayer(a.AttributeName);

    public override LayerStep? Infer(Shape input, InferenceContext context)
    {
        if (!context.RequireRank(input, "put [Patchify(patch)] where the image is: after [Input] or after convolutional layers", null, 3)) return null;
        context.Positive("patch", Patch);
        context.Positive("dim", Dim);
        if (context.Failed) return null;
        long c = input[0], h = input[1], w = input[2];
        if (h % Patch != 0 || w % Patch != 0)
        {
            var choices = Sizes.CommonDivisors(h, w);
            string what = h % Patch != 0 && w % Patch != 0 && h != w ? $"the image height {h} or width {w}" : h % Patch != 0 ? $"the image height {h}" : $"the image width {w}";
            context.Report(context.Violation(DiagnosticIds.PatchDoesNotDivideImage, "patch", $"Patch size {Patch} does not divide {what}; use {Sizes.Or(choices.Select(x => (long)x))}") with
            {
                Choices = choices.ToEquatableArray(),
            });
            return null;
        }

        long tokens = Sizes.Mul(h / Patch, w / Patch);
        long weights = Sizes.Mul(c, Patch, Patch, Dim);
        return context.Step(this, context.TimmName("patch_embed"), input, Shape.Of(tokens, Dim), $"Patch embedding (Conv2d {Patch}x{Patch}, stride {Patch})",
            parameters: Sizes.Add(weights, Dim), flops: Sizes.Mul(2, weights, tokens));
    }

    public override PrefixTokens PrefixAfter(PrefixTokens before, Shape input, Shape output) => PrefixTokens.None;

    public override void EmitFields(LayerStep step, EmitScope scope) => scope.DeclareField(step, scope.TypeName(step, "PatchEmbed"), "patch_embed");

    public override void EmitConstruction(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"{scope.Field(step, "patch_embed")} = new {scope.TypeName(step, "PatchEmbed")}({scope.Compute});");

    public override void EmitForward(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"x = {scope.Field(step, "patch_embed")}.forward(x);", step.Output.Batched);

    public override void EmitOnnx(LayerStep step, EmitScope scope)
    {
        var o = scope.Code;
        long gh = step.Input[1] / Patch, gw = step.Input[2] / Patch;
        o.Line($"x = onnx.Conv(x, {OnnxCode.Name(step.Name + ".proj")}, kernel: {Fmt.I(Patch)}, stride: {Fmt.I(Patch)});", Fmt.Batched(Dim, gh, gw));
        o.Line($"x = onnx.Reshape(x, 0, {Fmt.I(Dim)}, {Fmt.I(gh * gw)});", Fmt.Batched(Dim, gh * gw));
        o.Line("x = onnx.Transpose(x, 0, 2, 1);", step.Output.Batched);
    }

    public override void EmitTypes(LayerStep step, EmitScope scope)
    {
        var o = scope.Code;
        string type = scope.TypeName(step, "PatchEmbed");
        long c = step.Input[0], gh = step.Input[1] / Patch, gw = step.Input[2] / Patch;
        o.Line();
        o.Line($"/// <summary>Cuts {Fmt.I(Patch)}x{Fmt.I(Patch)} patches and embeds each in {Fmt.I(Dim)} features (a Conv2d with kernel = stride = patch).</summary>");
        o.Open($"internal sealed class {type} : {Module}");
        o.Line($"private readonly {M}.Conv2d proj;");
        o.Line($"private readonly {ComputePrecision} compute;");
        o.Line();
        o.Open($"public {type}({ComputePrecision} compute) : base({Fmt.Str("PatchEmbed")})");
        o.Line("this.compute = compute;");
        o.Line($"proj = {Nn}.Conv2d({Fmt.I(c)}, {Fmt.I(Dim)}, {Fmt.I(Patch)}, stride: {Fmt.I(Patch)});");
        o.Line("RegisterComponents();");
        o.Close();
        o.Line();
        o.Open($"public override {Tensor} forward({Tensor} x)");
        o.Line($"x = {Autocast}.Float({Autocast}.Conv2d(proj, x, compute));", Fmt.Batched(Dim, gh, gw));
        o.Line("x = x.flatten(2);", Fmt.Batched(Dim, gh * gw));
        o.Line("return x.transpose(1, 2);", Fmt.Batched(gh * gw, Dim));
        o.Close();
        o.Close();
    }

    public override void EmitPythonInit(LayerStep step, PythonScope scope)
    {
        long c = step.Input[0], gh = step.Input[1] / Patch, gw = step.Input[2] / Patch;
        string type = scope.DefineType(step, "PatchEmbed", (o, name) =>
        {
            o.Open($"class {name}(nn.Module):");
            o.Line($"\"\"\"Cuts {Fmt.I(Patch)}x{Fmt.I(Patch)} patches and embeds each in {Fmt.I(Dim)} features (a Conv2d with kernel = stride = patch).\"\"\"");
            o.Line();
            o.Open("def __init__(self):");
            o.Line("super().__init__()");
            o.Line($"self.proj = nn.Conv2d({Fmt.I(c)}, {Fmt.I(Dim)}, {Fmt.I(Patch)}, stride={Fmt.I(Patch)})");
            o.Close();
            o.Line();
            o.Open("def forward(self, x):");
            o.Line("x = self.proj(x)", Fmt.Batched(Dim, gh, gw));
            o.Line("x = x.flatten(2)", Fmt.Batched(Dim, gh * gw));
            o.Line("return x.transpose(1, 2)", Fmt.Batched(gh * gw, Dim));
            o.Close();
            o.Close();
        });
        scope.AddModule(step, $"{type}()");
    }

    public override void EmitPythonForward(LayerStep step, PythonScope scope) => scope.Code.Line($"x = {scope.Module(step)}(x)", step.Output.Batched);
}

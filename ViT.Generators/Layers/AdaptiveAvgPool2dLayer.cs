using ViT.Generators.Emit;
using ViT.Generators.Parsing;
using ViT.Generators.Shapes;
using static ViT.Generators.Emit.TorchNames;

namespace ViT.Generators.Layers;

/// <summary>
/// <c>[AdaptiveAvgPool2d(height, width)]</c>: PyTorch's <c>nn.AdaptiveAvgPool2d</c>, an image averaged down to a fixed
/// size. <c>[C, H, W]</c> → <c>[C, height, width]</c>.
/// </summary>
public sealed record AdaptiveAvgPool2dLayer(int Height, int Width) : Layer
{
    public override string AttributeName => "AdaptiveAvgPool2d";

    public static Layer Read(AttributeArguments a) =>
        a.Int("height") is int height && a.Int("width") is int width ? new AdaptiveAvgPool2dLayer(height, width)
        : a.Int("size") is int size ? new AdaptiveAvgPool2dLayer(size, size)
        : new UnreadableLayer(a.AttributeName);

    public override LayerStep? Infer(Shape input, InferenceContext context)
    {
        if (!context.RequireRank(input, "it pools images; on tokens use [ClassifierHead(classes, Pool = Pooling.Mean)]", null, 3)) return null;
        string argument = Height == Width ? "size" : "height";
        if (!context.Positive(argument, Height) || !context.Positive(Height == Width ? "size" : "width", Width)) return null;
        return context.Step(this, context.SequentialName, input, Shape.Of(input[0], Height, Width), $"AdaptiveAvgPool2d to {Height}x{Width}", parameters: 0);
    }

    public override void EmitForward(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"x = {Functional}.adaptive_avg_pool2d(x, new long[] {{ {Fmt.I(Height)}, {Fmt.I(Width)} }});", step.Output.Batched);

    /// <summary>
    /// ONNX has no adaptive pooling; where the windows are regular (the size divides the input's, or equals it) it is an
    /// average pool with that window, else the export says so.
    /// </summary>
    public override void EmitOnnx(LayerStep step, EmitScope scope)
    {
        long h = step.Input[1], w = step.Input[2];
        if (h == Height && w == Width) scope.Code.Line("// adaptive average pooling to the size it already has: the identity");
        else if (h % Height == 0 && w % Width == 0 && h / Height == w / Width)
            scope.Code.Line($"x = onnx.AveragePool(x, {Fmt.I(h / Height)}, stride: {Fmt.I(h / Height)});", step.Output.Batched);
        else
            scope.Code.Line($"throw new global::System.NotSupportedException({Fmt.Str($"ONNX export: adaptive average pooling from {h}x{w} to {Height}x{Width} has windows of different sizes, which ONNX's operators cannot express; pool to a size that divides the input's")});");
    }
}

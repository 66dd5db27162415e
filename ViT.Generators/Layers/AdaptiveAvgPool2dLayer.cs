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
    /// ONNX has no adaptive pooling. Where the windows are square and regular (the size divides the input's by one
    /// factor) it is an average pool with that window; to 1x1 (squeeze-excitation's pool) on an image that is not square,
    /// the mean of the whole image; otherwise the export says it cannot (a call, not a <c>throw</c> statement, so that the lines after it
    /// stay reachable code and the generated file compiles without CS0162).
    /// </summary>
    public override void EmitOnnx(LayerStep step, EmitScope scope)
    {
        long c = step.Input[0], h = step.Input[1], w = step.Input[2];
        if (h == Height && w == Width) scope.Code.Line("// adaptive average pooling to the size it already has: the identity");
        else if (h % Height == 0 && w % Width == 0 && h / Height == w / Width)
            scope.Code.Line($"x = onnx.AveragePool(x, {Fmt.I(h / Height)}, stride: {Fmt.I(h / Height)});", step.Output.Batched);
        else if (Height == 1 && Width == 1)
            scope.Code.Line($"x = onnx.Reshape(onnx.ReduceMean(x, 2, 3), 0, {Fmt.I(c)}, 1, 1);", step.Output.Batched + " (the mean of the whole image)");
        else
            scope.Code.Line($"x = onnx.Unsupported({Fmt.Str($"ONNX export: adaptive average pooling from {h}x{w} to {Height}x{Width} needs windows that are not square or not all of one size, which the export cannot write; pool to a size that divides the input's height and width by the same factor")});");
    }

    public override void EmitPythonForward(LayerStep step, PythonScope scope) =>
        scope.Code.Line($"x = F.adaptive_avg_pool2d(x, ({Fmt.I(Height)}, {Fmt.I(Width)}))", step.Output.Batched);
}

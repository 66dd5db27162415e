using ViT.Generators.Diagnostics;
using ViT.Generators.Emit;
using ViT.Generators.Shapes;

namespace ViT.Generators.Layers;

/// <summary>
/// What max and average pooling share: the window's attribute (kernel, stride = kernel unless given, padding), its
/// constraints and PyTorch's output size. <c>[C, H, W]</c> → <c>[C, H', W']</c>.
/// </summary>
public abstract record Pool2dLayer(int Kernel, int Stride, int Padding) : Layer
{
    /// <summary>The TorchSharp function that pools: <c>max_pool2d</c> or <c>avg_pool2d</c>.</summary>
    protected abstract string Function { get; }

    /// <summary>The <c>OnnxGraph</c> method that pools: <c>MaxPool</c> or <c>AveragePool</c>.</summary>
    protected abstract string OnnxOperator { get; }

    public override LayerStep? Infer(Shape input, InferenceContext context)
    {
        if (!context.RequireRank(input, "pooling works on images: put it before [Patchify] or [Flatten]", null, 3)) return null;
        context.Positive("kernel", Kernel);
        context.Positive("stride", Stride);
        if (Padding < 0) context.Error(DiagnosticIds.NonPositiveSize, "Padding", $"Padding is {Padding}; it must be 0 or more");
        else if (Kernel > 0 && Padding > Kernel / 2) context.Report(new ShapeViolation(DiagnosticIds.KernelDoesNotFit, context.LayerIndex, "Padding", $"Padding {Padding} is more than half the kernel {Kernel} (PyTorch refuses it: a window could then see only padding); use at most {Kernel / 2}") { Choices = Helpers.EquatableArrayExtensions.ToEquatableArray(new[] { Kernel / 2 }) });
        if (context.Failed) return null;

        string layer = $"[{AttributeName}({Kernel})]";
        if (!SpatialSize.Fits(context, layer, input, Kernel, Padding)) return null;
        long h = SpatialSize.Out(input[1], Kernel, Stride, Padding), w = SpatialSize.Out(input[2], Kernel, Stride, Padding);
        foreach (var (axis, name, size) in new[] { (1, "height", h), (2, "width", w) })
        {
            // The last window ends at (size - 1)·stride + kernel in the padded input; what lies after it is dropped, but
            // only the real pixels among it matter (the padding is there to be dropped: ResNet's stem pool on 112).
            long dropped = Padding + input[axis] - (((size - 1) * Stride) + Kernel);
            if (dropped <= 0) continue;
            context.Warning(DiagnosticIds.PoolDropsRemainder, "kernel", $"{layer} drops the last {dropped} of the {input[axis]} {(Padding > 0 ? "(padded) " : "")}pixels along the {name} ({input[axis]}→{size}); if that is not meant, make the size before it divisible by {Stride}, or pad");
            break;
        }

        var output = Shape.Of(input[0], h, w);
        string type = $"{AttributeName} {Kernel}x{Kernel}, stride {Stride}" + (Padding > 0 ? $", padding {Padding}" : "");
        return context.Step(this, context.SequentialName, input, output, type, parameters: 0);
    }

    public override void EmitForward(LayerStep step, EmitScope scope)
    {
        string padding = Padding > 0 ? $", padding: {Fmt.I(Padding)}" : "";
        scope.Code.Line($"x = {TorchNames.Functional}.{Function}(x, {Fmt.I(Kernel)}, stride: {Fmt.I(Stride)}{padding});", step.Output.Batched);
    }

    public override void EmitOnnx(LayerStep step, EmitScope scope)
    {
        string padding = Padding > 0 ? $", padding: {Fmt.I(Padding)}" : "";
        scope.Code.Line($"x = onnx.{OnnxOperator}(x, {Fmt.I(Kernel)}, stride: {Fmt.I(Stride)}{padding});", step.Output.Batched);
    }

    public override void EmitPythonForward(LayerStep step, PythonScope scope)
    {
        string padding = Padding > 0 ? $", padding={Fmt.I(Padding)}" : "";
        scope.Code.Line($"x = F.{Function}(x, {Fmt.I(Kernel)}, stride={Fmt.I(Stride)}{padding})", step.Output.Batched);
    }
}

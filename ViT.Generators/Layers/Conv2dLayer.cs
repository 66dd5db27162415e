using System.Collections.Generic;
using System.Linq;
using ViT.Generators.Diagnostics;
using ViT.Generators.Emit;
using ViT.Generators.Helpers;
using ViT.Generators.Parsing;
using ViT.Generators.Shapes;
using ViT.Generators.Shared;
using static ViT.Generators.Emit.TorchNames;

namespace ViT.Generators.Layers;

/// <summary><c>[Conv2d(channels, kernel, stride, padding)]</c>: PyTorch's <c>nn.Conv2d</c>, input channels inferred. <c>[C, H, W]</c> → <c>[channels, H', W']</c>.</summary>
public sealed record Conv2dLayer(int Channels, int Kernel, int Stride, int Padding, bool Bias, int Groups, int Dilation) : Layer
{
    static readonly Conv2dAttribute Defaults = new(1, 1);

    public override string AttributeName => "Conv2d";

    /// <summary>The input channels (set by <see cref="Infer"/>).</summary>
    public long InChannels { get; init; }

    public static Layer Read(AttributeArguments a) =>
        a.Int("channels") is int channels && a.Int("kernel") is int kernel && a.Int("stride") is int stride && a.Int("padding") is int padding
            ? new Conv2dLayer(channels, kernel, stride, padding,
                a.Bool(nameof(Conv2dAttribute.Bias)) ?? Defaults.Bias,
                a.Int(nameof(Conv2dAttribute.Groups)) ?? Defaults.Groups,
                a.Int(nameof(Conv2dAttribute.Dilation)) ?? Defaults.Dilation)
            : new UnreadableLayer(a.AttributeName);

    public override LayerStep? Infer(Shape input, InferenceContext context)
    {
        if (!context.RequireRank(input, "convolutions work on images: put [Conv2d] before [Patchify] or [Flatten]", null, 3)) return null;
        context.Positive("channels", Channels);
        context.Positive("kernel", Kernel);
        context.Positive("stride", Stride);
        context.Positive(nameof(Groups), Groups);
        context.Positive(nameof(Dilation), Dilation);
        if (Padding < 0) context.Error(DiagnosticIds.NonPositiveSize, "padding", $"padding is {Padding}; it must be 0 or more");
        if (context.Failed) return null;

        long c = input[0];
        if (c % Groups != 0 || Channels % Groups != 0)
        {
            var choices = Sizes.CommonDivisors(c, Channels);
            context.Report(context.Violation(DiagnosticIds.GroupsDoNotDivideChannels, nameof(Groups), $"Groups = {Groups} does not divide the {(c % Groups != 0 ? $"{c} input channels" : $"{Channels} output channels")} (each group convolves C/groups channels into channels/groups); use {Sizes.Or(choices.Select(x => (long)x))}") with
            {
                Choices = choices.ToEquatableArray(),
            });
            return null;
        }

        if (!SpatialSize.Fits(context, $"[Conv2d({Channels}, {Kernel})]", input, Kernel, Padding, Dilation)) return null;
        long h = SpatialSize.Out(input[1], Kernel, Stride, Padding, Dilation), w = SpatialSize.Out(input[2], Kernel, Stride, Padding, Dilation);
        var output = Shape.Of(Channels, h, w);
        long weights = Sizes.Mul(Channels, c / Groups, Kernel, Kernel);
        long parameters = Bias ? Sizes.Add(weights, Channels) : weights;
        return context.Step(this with { InChannels = c }, context.SequentialName, input, output, Describe(), parameters, flops: Sizes.Mul(2, weights, h, w));
    }

    string Describe()
    {
        var options = new List<string> { $"{Kernel}x{Kernel}", $"{Channels} channels" };
        if (Stride != 1) options.Add($"stride {Stride}");
        if (Padding != 0) options.Add($"padding {Padding}");
        if (Dilation != 1) options.Add($"dilation {Dilation}");
        if (Groups != 1) options.Add($"{Groups} groups");
        if (!Bias) options.Add("no bias");
        return "Conv2d " + string.Join(", ", options);
    }

    public override void EmitFields(LayerStep step, EmitScope scope) => scope.DeclareField(step, $"{M}.Conv2d", "conv");

    public override void EmitConstruction(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"{scope.Field(step, "conv")} = {Nn}.Conv2d({Fmt.I(InChannels)}, {Fmt.I(Channels)}, {Fmt.I(Kernel)}{Options()});");

    /// <summary>
    /// The options that differ from the defaults, as named arguments (TorchSharp's Conv2d and OnnxGraph.Conv share their
    /// names, and so does PyTorch's <c>nn.Conv2d</c>), written with <paramref name="assign"/> (<c>": "</c> or <c>"="</c>).
    /// </summary>
    string Options(string assign = ": ") => string.Concat(
        Stride != 1 ? $", stride{assign}{Fmt.I(Stride)}" : "",
        Padding != 0 ? $", padding{assign}{Fmt.I(Padding)}" : "",
        Dilation != 1 ? $", dilation{assign}{Fmt.I(Dilation)}" : "",
        Groups != 1 ? $", groups{assign}{Fmt.I(Groups)}" : "",
        Bias ? "" : $", bias{assign}{(assign == "=" ? Python.Bool(false) : "false")}");

    public override void EmitForward(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"x = {Autocast}.Float({Autocast}.Conv2d({scope.Field(step, "conv")}, x, {scope.Compute}));", step.Output.Batched);

    public override void EmitOnnx(LayerStep step, EmitScope scope) =>
        scope.Code.Line($"x = onnx.Conv(x, {OnnxCode.Name(step.Name)}, kernel: {Fmt.I(Kernel)}{Options()});", step.Output.Batched);

    public override void EmitPythonInit(LayerStep step, PythonScope scope) =>
        scope.AddModule(step, $"nn.Conv2d({Fmt.I(InChannels)}, {Fmt.I(Channels)}, {Fmt.I(Kernel)}{Options("=")})");

    public override void EmitPythonForward(LayerStep step, PythonScope scope) => scope.Code.Line($"x = {scope.Module(step)}(x)", step.Output.Batched);
}

using System;
using ViT.Generators.Shapes;

namespace ViT.Generators.Layers;

/// <summary>
/// How a layer that works on the last dimension (LayerNorm, Linear) applies to the channels of every pixel of an
/// image: moved last, applied, moved back, as torchvision's ConvNeXt permutes around its LayerNorm and Linears.
/// </summary>
internal static class ChannelsLast
{
    /// <summary><c>x = f(x)</c>, or on an image (a statement ending in <paramref name="end"/>: C#'s semicolon, nothing in Python) <c>x = f(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)</c>.</summary>
    public static string Around(Shape input, string function, string end = ";") => input.IsImage
        ? $"x = {function}(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2){end}"
        : $"x = {function}(x){end}";

    /// <summary>The same as ONNX nodes: <paramref name="node"/> of the value, between two transposes on an image.</summary>
    public static string OnnxAround(Shape input, Func<string, string> node) => input.IsImage
        ? $"x = onnx.Transpose({node("onnx.Transpose(x, 0, 2, 3, 1)")}, 0, 3, 1, 2);"
        : $"x = {node("x")};";
}

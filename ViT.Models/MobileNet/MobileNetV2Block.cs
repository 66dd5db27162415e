namespace ViT.Models;

/// <summary>MobileNetV2's <c>InvertedResidual</c>: an <see cref="InvertedResidual"/> with ReLU6, no squeeze-excitation, a bare projection, its body named <c>conv</c>.</summary>
[Block]
[Layer(typeof(InvertedResidual), "Width, Stride: Stride, Expand: Expand, Act: Activation.ReLU6, FlatProjection: true, BodyName: \"conv\"", Inline = true)]
public partial class MobileNetV2Block
{
    /// <summary>Output channels (torchvision's <c>c</c>).</summary>
    public const int Width = 16;

    /// <summary>Stride (torchvision's <c>s</c> for the first block of a stage).</summary>
    public const int Stride = 1;

    /// <summary>Expansion ratio (torchvision's <c>t</c>).</summary>
    public const int Expand = 6;
}

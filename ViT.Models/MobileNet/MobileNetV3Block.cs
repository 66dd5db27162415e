namespace ViT.Models;

/// <summary>
/// MobileNetV3's <c>InvertedResidual</c>: an <see cref="InvertedResidual"/> from torchvision's <c>bneck_conf</c> row
/// (kernel, expanded channels, output channels, squeeze-excitation, activation, stride), batch norms with eps 1e-3 and
/// momentum 0.01, a hard-sigmoid gate.
/// </summary>
[Block]
[Layer(typeof(InvertedResidual), "Width, Kernel, Stride, Hidden: Expanded, Squeeze: Squeeze, Act: Act, Gate: Activation.Hardsigmoid, Eps: 1e-3, Momentum: 0.01", Inline = true)]
public partial class MobileNetV3Block
{
    /// <summary>The depthwise kernel.</summary>
    public const int Kernel = 3;

    /// <summary>The expanded (hidden) channels.</summary>
    public const int Expanded = 16;

    /// <summary>Output channels.</summary>
    public const int Width = 16;

    /// <summary>The squeeze-excitation's width (torchvision's make_divisible(expanded // 4, 8)), or 0 for none.</summary>
    public const int Squeeze = 0;

    /// <summary>ReLU ("RE") or hard swish ("HS").</summary>
    public const Activation Act = Activation.ReLU;

    /// <summary>Stride.</summary>
    public const int Stride = 1;
}

namespace ViT.Models;

/// <summary>
/// torchvision's <c>Conv2dNormActivation</c>: a convolution without bias padded to keep the size (at stride 1), a batch
/// norm and an activation, named <c>0</c>, <c>1</c>, <c>2</c> as its <c>nn.Sequential</c>.
/// </summary>
[Block]
[Conv2d(Width, Kernel, stride: Stride, padding: (Kernel - 1) / 2, Groups = Groups, Bias = false)]
[BatchNorm2d(Epsilon = Eps, Momentum = Momentum)]
[Activation(Act, When = Activate)]
public partial class ConvNormActivation
{
    /// <summary>Output channels.</summary>
    public const int Width = 32;

    /// <summary>Kernel side.</summary>
    public const int Kernel = 3;

    /// <summary>Stride.</summary>
    public const int Stride = 1;

    /// <summary>Channel groups (the input's channels for a depthwise convolution).</summary>
    public const int Groups = 1;

    /// <summary>The activation after the norm.</summary>
    public const Activation Act = Activation.ReLU;

    /// <summary>Whether there is an activation (false for the projections of inverted residuals).</summary>
    public const bool Activate = true;

    /// <summary>The batch norm's epsilon (MobileNetV3: 1e-3).</summary>
    public const double Eps = 1e-5;

    /// <summary>The batch norm's momentum (MobileNetV3: 0.01).</summary>
    public const double Momentum = 0.1;
}

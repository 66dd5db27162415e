namespace ViT.Models;

/// <summary>
/// The inverted residual of MobileNetV2, MobileNetV3 and EfficientNet (its MBConv): a 1x1 expansion to the hidden width
/// (where that widens), a depthwise convolution with the stride, an optional squeeze-excitation, a 1x1 projection to
/// <see cref="Width"/>; the input added back where the stride is 1 and the width is kept (with drop path). One class for
/// the three families; their presets are <see cref="MobileNetV2Block"/>, <see cref="MobileNetV3Block"/> and <see cref="MBConv"/>.
/// </summary>
[Block]
[Layer(typeof(InvertedResidualBody),
    "Width, Kernel, Stride, Hidden > 0 ? Hidden : In.Channels * Expand, Squeeze > 0 ? Squeeze : SqueezeDivisor > 0 ? (In.Channels / SqueezeDivisor > 0 ? In.Channels / SqueezeDivisor : 1) : 0, Act, SqueezeAct, Gate, FlatProjection, Eps, Momentum",
    Name = BodyName)]
[AddInput(When = Stride == 1 && In.Channels == Width, DropPath = DropRate)]
public partial class InvertedResidual
{
    /// <summary>Output channels.</summary>
    public const int Width = 16;

    /// <summary>The depthwise convolution's kernel.</summary>
    public const int Kernel = 3;

    /// <summary>The depthwise convolution's stride.</summary>
    public const int Stride = 1;

    /// <summary>The hidden width as a multiple of the input's (MobileNetV2, EfficientNet).</summary>
    public const int Expand = 6;

    /// <summary>The hidden width itself, over <see cref="Expand"/> when positive (MobileNetV3's expanded channels).</summary>
    public const int Hidden = 0;

    /// <summary>The squeeze-excitation's width (MobileNetV3's), or 0.</summary>
    public const int Squeeze = 0;

    /// <summary>A squeeze-excitation of the input's channels divided by this, at least 1 (EfficientNet: 4), or 0.</summary>
    public const int SqueezeDivisor = 0;

    /// <summary>The expansion's and the depthwise convolution's activation.</summary>
    public const Activation Act = Activation.ReLU6;

    /// <summary>The squeeze-excitation's inner activation.</summary>
    public const Activation SqueezeAct = Activation.ReLU;

    /// <summary>The squeeze-excitation's gate.</summary>
    public const Activation Gate = Activation.Sigmoid;

    /// <summary>Whether the projection is a bare convolution and norm (MobileNetV2), not a <see cref="ConvNormActivation"/>.</summary>
    public const bool FlatProjection = false;

    /// <summary>The batch norms' epsilon.</summary>
    public const double Eps = 1e-5;

    /// <summary>The batch norms' momentum.</summary>
    public const double Momentum = 0.1;

    /// <summary>Stochastic depth of the residual branch.</summary>
    public const double DropRate = 0;

    /// <summary>The body's state-dict name: <c>conv</c> in MobileNetV2, <c>block</c> in MobileNetV3 and EfficientNet.</summary>
    public const string BodyName = "block";
}

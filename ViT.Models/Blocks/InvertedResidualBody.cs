namespace ViT.Models;

/// <summary>The layers of an <see cref="InvertedResidual"/>: expansion, depthwise convolution, squeeze-excitation, projection.</summary>
[Block]
[Layer(typeof(ConvNormActivation), "Hidden, 1, Act: Act, Eps: Eps, Momentum: Momentum", When = Hidden != In.Channels)]
[Layer(typeof(ConvNormActivation), "Hidden, Kernel, Stride, Hidden, Act, Eps: Eps, Momentum: Momentum")]
[Layer(typeof(SqueezeExcitation), "Squeeze, SqueezeAct, Gate", When = Squeeze > 0)]
[Layer(typeof(ConvNormActivation), "Width, 1, Activate: false, Eps: Eps, Momentum: Momentum", When = !FlatProjection)]
[Conv2d(Width, 1, Bias = false, When = FlatProjection)]
[BatchNorm2d(Epsilon = Eps, Momentum = Momentum, When = FlatProjection)]
public partial class InvertedResidualBody
{
    /// <summary>Output channels.</summary>
    public const int Width = 16;

    /// <summary>The depthwise convolution's kernel.</summary>
    public const int Kernel = 3;

    /// <summary>The depthwise convolution's stride.</summary>
    public const int Stride = 1;

    /// <summary>The hidden width.</summary>
    public const int Hidden = 96;

    /// <summary>The squeeze-excitation's width, or 0 for none.</summary>
    public const int Squeeze = 0;

    /// <summary>The expansion's and the depthwise convolution's activation.</summary>
    public const Activation Act = Activation.ReLU6;

    /// <summary>The squeeze-excitation's inner activation.</summary>
    public const Activation SqueezeAct = Activation.ReLU;

    /// <summary>The squeeze-excitation's gate.</summary>
    public const Activation Gate = Activation.Sigmoid;

    /// <summary>Whether the projection is a bare convolution and norm.</summary>
    public const bool FlatProjection = false;

    /// <summary>The batch norms' epsilon.</summary>
    public const double Eps = 1e-5;

    /// <summary>The batch norms' momentum.</summary>
    public const double Momentum = 0.1;
}

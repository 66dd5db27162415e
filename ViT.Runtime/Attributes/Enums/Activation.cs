// This file is linked into ViT.Generators (netstandard2.0), where VIT_GENERATOR moves it to ViT.Generators.Shared so
// that a project referencing both assemblies sees one ViT.X. Keep it free of anything but the enum.
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif

/// <summary>An element-wise activation: of an <c>[Activation]</c> layer, or between the two Linear layers of an encoder block's MLP.</summary>
public enum Activation
{
    /// <summary>Exact (erf) GELU, as in timm's ViT.</summary>
    GELU = 0,

    /// <summary>ReLU, as in the tutorial.</summary>
    ReLU = 1,

    /// <summary>SiLU (swish): x·sigmoid(x).</summary>
    SiLU = 2,

    /// <summary>Hyperbolic tangent.</summary>
    Tanh = 3,

    /// <summary>Logistic sigmoid.</summary>
    Sigmoid = 4,

    /// <summary>Leaky ReLU with PyTorch's negative slope 0.01.</summary>
    LeakyReLU = 5,

    /// <summary>ELU with PyTorch's alpha 1.</summary>
    ELU = 6,

    /// <summary>min(max(x, 0), 6), as MobileNetV2.</summary>
    ReLU6 = 7,

    /// <summary>x·ReLU6(x + 3)/6, as MobileNetV3.</summary>
    Hardswish = 8,

    /// <summary>ReLU6(x + 3)/6, the gate of MobileNetV3's squeeze-excitation.</summary>
    Hardsigmoid = 9,

    /// <summary>GELU in its tanh approximation (PyTorch's <c>approximate='tanh'</c>), as some timm models use.</summary>
    GELUTanh = 10,
}

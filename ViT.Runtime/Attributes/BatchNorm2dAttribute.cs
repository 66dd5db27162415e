// Linked into ViT.Generators, where VIT_GENERATOR moves it to ViT.Generators.Shared: the generator reads the names
// and defaults of the attribute from this one file (see Enums/Activation.cs).
using System;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif
/// <summary>
/// Batch normalisation over each channel (PyTorch's <c>nn.BatchNorm2d</c>: a learned scale and shift per channel and
/// running statistics for evaluation): <c>[C, H, W]</c> → <c>[C, H, W]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BatchNorm2dAttribute : LayerAttributeBase
{
    /// <summary>Added to the variance; PyTorch's 1e-5 by default.</summary>
    public double Epsilon { get; set; } = 1e-5;

    /// <summary>Weight of the newest batch in the running statistics, in [0, 1]; PyTorch's 0.1 by default (0 keeps them frozen).</summary>
    public double Momentum { get; set; } = 0.1;
}

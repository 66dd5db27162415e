// This file is linked into ViT.Generators (netstandard2.0), where VIT_GENERATOR moves it to ViT.Generators.Shared so
// that a project referencing both assemblies sees one ViT.X. Keep it free of anything but the enum.
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif

/// <summary>The element type a generated model computes its matrix products and convolutions in.</summary>
public enum Precision
{
    /// <summary>float32 throughout.</summary>
    Float32 = 0,

    /// <summary>
    /// Mixed precision, as PyTorch's autocast does it, with the casts written by the generator: matrix products and
    /// convolutions in bfloat16 from float32 master weights; LayerNorm, softmax, residual sums and the logits in float32,
    /// so the loss and the gradients that reach the optimizer are float32. About twice as fast on CPUs with
    /// avx512_bf16 and on GPUs with bfloat16 units; many times slower on CPUs without bfloat16 instructions (see
    /// <see cref="BFloat16Support"/>).
    /// </summary>
    BFloat16 = 1,
}

namespace ViT.Benchmarks.Models;

/// <summary>The arithmetic a benchmark runs in.</summary>
public enum BenchPrecision
{
    /// <summary>float32 throughout.</summary>
    Fp32,

    /// <summary>Matrix products and convolutions in bfloat16, float32 master weights, normalisation, softmax and loss.</summary>
    Bf16,
}

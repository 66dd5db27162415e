namespace ViT.Benchmarks.Research;

/// <summary>RESEARCH BASELINE, not the product. The choices <see cref="FastViT"/> can make, each measured on its own.</summary>
/// <param name="Attention">Which attention the model computes.</param>
/// <param name="Autocast">The precision of products (float32, or bfloat16 with float32 master weights).</param>
/// <param name="FuseQkv">Full-width kinds: one Linear D→3·D·h instead of three Linears D→D·h (split is always fused).</param>
/// <param name="ConcatQkv">Full-width kinds: keep the three Linears q, k, v (and their state-dict names) but run one
/// product with their weights concatenated each step (90,000 numbers copied).</param>
/// <param name="Sdpa">Attention by <c>functional.scaled_dot_product_attention</c> instead of explicit products and softmax.</param>
/// <param name="PermuteWeights">The tutorial's listing: reorder the input Linears' weight rows (30,000 numbers per step)
/// so that q, k and v come out as <c>[B, h, D, N]</c> with tokens innermost, instead of transposing the activations.</param>
/// <param name="SoftmaxInProductType">Explicit attention's softmax in the products' type (bfloat16) rather than float32:
/// no casts around it. PyTorch's CPU autocast does this (softmax is not among its float32 operations; CUDA's lists it).</param>
public sealed record FastViTOptions(AttentionKind Attention, Autocast Autocast, bool FuseQkv = false, bool ConcatQkv = false, bool Sdpa = false, bool PermuteWeights = false, bool SoftmaxInProductType = false);

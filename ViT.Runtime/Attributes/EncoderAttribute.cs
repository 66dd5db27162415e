// Linked into ViT.Generators, where VIT_GENERATOR moves it to ViT.Generators.Shared: the generator reads the names
// and defaults of the attribute from this one file (see Enums/Activation.cs).
using System;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif

/// <summary>
/// A stack of <paramref name="layers"/> pre-norm transformer blocks (timm's <c>blocks</c>): each is
/// <c>x + attn(norm1(x))</c> then <c>x + mlp(norm2(x))</c>. <c>[N, D]</c> → <c>[N, D]</c>.
/// The defaults are timm's: split attention, MLP ratio 4, exact GELU, qkv bias, LayerNorm eps 1e-6, final norm applied.
/// </summary>
/// <param name="layers">Number of blocks (timm's <c>depth</c>).</param>
/// <param name="heads">Attention heads per block; with <see cref="AttentionKind.Split"/> they must divide D.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class EncoderAttribute(int layers, int heads) : LayerAttributeBase
{
    /// <summary>Number of blocks.</summary>
    public int Layers { get; } = layers;

    /// <summary>Attention heads per block.</summary>
    public int Heads { get; } = heads;

    /// <summary>How heads divide the width; <see cref="AttentionKind.Split"/> (timm) by default.</summary>
    public AttentionKind Attention { get; set; } = AttentionKind.Split;

    /// <summary>MLP hidden width as a multiple of D; must give a whole number. 4 by default.</summary>
    public double MlpRatio { get; set; } = 4.0;

    /// <summary>The MLP's activation; exact GELU by default.</summary>
    public Activation Activation { get; set; } = Activation.GELU;

    /// <summary>Whether q, k and v have biases; true by default.</summary>
    public bool QkvBias { get; set; } = true;

    /// <summary>
    /// LayerNorm epsilon. 0 (the default) means: 1e-6 (timm's) for <see cref="AttentionKind.Split"/>,
    /// 1e-5 (PyTorch's, as in the tutorial) for <see cref="AttentionKind.Wide"/> and <see cref="AttentionKind.TutorialListing"/>.
    /// </summary>
    public double NormEpsilon { get; set; }

    /// <summary>What happens to the LayerNorm after the last block; applied by default.</summary>
    public FinalNorm FinalNorm { get; set; } = FinalNorm.Apply;

    /// <summary>Dropout after the attention projection and in the MLP (timm's <c>proj_drop_rate</c>); 0 leaves it out.</summary>
    public double Dropout { get; set; }

    /// <summary>Dropout on the attention weights (timm's <c>attn_drop_rate</c>); 0 leaves it out.</summary>
    public double AttentionDropout { get; set; }

    /// <summary>
    /// Stochastic depth (timm's <c>drop_path_rate</c>): block i drops its attention and MLP branches for a random
    /// fraction i/(layers − 1) of this rate of the samples while training, rising linearly to the last block; 0 leaves it out.
    /// </summary>
    public double DropPath { get; set; }

    /// <summary>Layer scale (timm's <c>init_values</c>, DINOv2-style blocks): a learned per-feature scale on each branch, <c>ls1.gamma</c> and <c>ls2.gamma</c>, started at this value; 0 leaves it out.</summary>
    public double LayerScale { get; set; }
}

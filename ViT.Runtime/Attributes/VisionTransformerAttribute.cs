// Linked into ViT.Generators, where VIT_GENERATOR moves it to ViT.Generators.Shared: the generator reads the names
// and defaults of the attribute from this one file (see Enums/Activation.cs).
using System;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif

/// <summary>
/// The standard stack in one attribute: <c>[Input(channels, height, width)]</c>, <c>[Patchify(patch, dim)]</c>,
/// <c>[ClassToken]</c>, <c>[PositionEmbedding]</c>, <c>[Encoder(layers, heads)]</c> and <c>[ClassifierHead(classes)]</c>.
/// The named options are those of <see cref="EncoderAttribute"/> plus <see cref="Pool"/>; defaults are timm's.
/// Use it instead of the layer attributes, not with them.
/// </summary>
/// <param name="channels">Image channels.</param>
/// <param name="height">Image height in pixels.</param>
/// <param name="width">Image width in pixels.</param>
/// <param name="patch">Patch side in pixels; must divide height and width.</param>
/// <param name="dim">Embedding width D.</param>
/// <param name="layers">Number of encoder blocks.</param>
/// <param name="heads">Attention heads per block.</param>
/// <param name="classes">Number of classes.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class VisionTransformerAttribute(int channels, int height, int width, int patch, int dim, int layers, int heads, int classes) : Attribute
{
    /// <summary>Image channels.</summary>
    public int Channels { get; } = channels;

    /// <summary>Image height in pixels.</summary>
    public int Height { get; } = height;

    /// <summary>Image width in pixels.</summary>
    public int Width { get; } = width;

    /// <summary>Patch side in pixels.</summary>
    public int Patch { get; } = patch;

    /// <summary>Embedding width D.</summary>
    public int Dim { get; } = dim;

    /// <summary>Number of encoder blocks.</summary>
    public int Layers { get; } = layers;

    /// <summary>Attention heads per block.</summary>
    public int Heads { get; } = heads;

    /// <summary>Number of classes.</summary>
    public int Classes { get; } = classes;

    /// <inheritdoc cref="EncoderAttribute.Attention"/>
    public AttentionKind Attention { get; set; } = AttentionKind.Split;

    /// <inheritdoc cref="EncoderAttribute.MlpRatio"/>
    public double MlpRatio { get; set; } = 4.0;

    /// <inheritdoc cref="EncoderAttribute.Activation"/>
    public Activation Activation { get; set; } = Activation.GELU;

    /// <inheritdoc cref="EncoderAttribute.QkvBias"/>
    public bool QkvBias { get; set; } = true;

    /// <inheritdoc cref="EncoderAttribute.NormEpsilon"/>
    public double NormEpsilon { get; set; }

    /// <inheritdoc cref="EncoderAttribute.FinalNorm"/>
    public FinalNorm FinalNorm { get; set; } = FinalNorm.Apply;

    /// <inheritdoc cref="EncoderAttribute.Dropout"/>
    public double Dropout { get; set; }

    /// <inheritdoc cref="EncoderAttribute.AttentionDropout"/>
    public double AttentionDropout { get; set; }

    /// <inheritdoc cref="ClassifierHeadAttribute.Pool"/>
    public Pooling Pool { get; set; } = Pooling.ClassToken;

    /// <summary>Stochastic depth, as <c>[Encoder]</c>'s; 0 leaves it out.</summary>
    public double DropPath { get; set; }

    /// <summary>Layer scale, as <c>[Encoder]</c>'s; 0 leaves it out.</summary>
    public double LayerScale { get; set; }
}

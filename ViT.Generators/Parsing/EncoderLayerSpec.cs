using ViT.Generators.Shared;

namespace ViT.Generators.Parsing;

/// <summary><c>[Encoder(layers, heads, ...)]</c> with every option resolved (defaults filled in, epsilon included).</summary>
public sealed record EncoderLayerSpec(
    int Layers,
    int Heads,
    AttentionKind Attention,
    double MlpRatio,
    Activation Activation,
    bool QkvBias,
    double NormEpsilon,
    FinalNorm FinalNorm,
    double Dropout,
    double AttentionDropout) : LayerSpec("Encoder");

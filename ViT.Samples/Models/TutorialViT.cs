namespace ViT.Samples.Models;

/// <summary>
/// The tutorial's Vision Transformer for MNIST: 7x7 patches embedded in 100 features, a class token, a learned
/// position embedding, 3 blocks of wide attention with 3 heads and a ReLU MLP x4, a final LayerNorm that the tutorial
/// creates but never applies, and a 10-class head. 613,710 parameters.
/// Initialised with PyTorch's default initialisation, as the tutorial's plain PyTorch modules have.
/// </summary>
[Input(1, 28, 28)]
[Patchify(7, dim: 100)]
[ClassToken]
[PositionEmbedding]
[Encoder(layers: 3, heads: 3, Attention = AttentionKind.Wide, Activation = Activation.ReLU, FinalNorm = FinalNorm.Unused)]
[ClassifierHead(10)]
[Initialize(Initialization.PyTorchDefault)]
public sealed partial class TutorialViT;

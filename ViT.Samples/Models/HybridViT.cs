namespace ViT.Samples.Models;

/// <summary>
/// A hybrid, as in the ViT paper's hybrids: a convolutional stem (conv, batch norm, ReLU, max pool: [32, 14, 14]) whose
/// feature map is cut into 2x2 patches, so the transformer sees 49 patch tokens of width 64, then timm's blocks
/// (3 layers, 4 split heads) and class-token pooling.
/// </summary>
[Input(1, 28, 28)]
[Conv2d(32, 3, padding: 1, Bias = false)]
[BatchNorm2d]
[Activation(Activation.ReLU)]
[MaxPool2d(2)]
[Patchify(2, dim: 64)]
[ClassToken]
[PositionEmbedding]
[Encoder(layers: 3, heads: 4)]
[ClassifierHead(10)]
[Initialize(Initialization.PyTorchDefault)]
public sealed partial class HybridViT;

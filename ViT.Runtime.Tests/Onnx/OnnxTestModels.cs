namespace ViT.Runtime.Tests.Onnx;

/// <summary>The tutorial's model with the attention its comments describe (scores between tokens): the sample models' "wide".</summary>
[Input(1, 28, 28)]
[Patchify(7, dim: 100)]
[ClassToken]
[PositionEmbedding]
[Encoder(layers: 3, heads: 3, Attention = AttentionKind.Wide, Activation = Activation.ReLU, FinalNorm = FinalNorm.Unused)]
[ClassifierHead(10)]
[Initialize(Initialization.PyTorchDefault)]
public sealed partial class TutorialWideViT;

/// <summary>
/// A small Vision Transformer for 32×32 colour pictures: 4×4 patches embedded in 128 features, a class token, two
/// encoder blocks of four heads. The analyzers check every shape while you type; hover the class for its layer table.
/// For larger pictures change [Input] (the data is resized to it); for another number of classes, [ClassifierHead].
/// </summary>
[Input(3, 32, 32)]
[Patchify(4, dim: 128)]              // 64 patches: [64, 128]
[ClassToken]                         // [65, 128]
[PositionEmbedding]
[Encoder(layers: 2, heads: 4)]       // timm's blocks: split attention, GELU, final norm
[ClassifierHead(10 /*classes*/)]     // one logit per class
public partial class Classifier;

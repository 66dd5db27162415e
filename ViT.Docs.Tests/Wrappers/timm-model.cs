// The wrapper of a fragment that uses `model`, a new TimmViT (timm's configuration for MNIST), with ViT.Weights imported.
using ViT.Weights;

var model = new TimmViT();
// snippet
[Input(1, 28, 28), Patchify(7, dim: 100), ClassToken, PositionEmbedding, Encoder(layers: 3, heads: 2), ClassifierHead(10)]
public partial class TimmViT;

// The wrapper of fine-tuning fragments: `model`, a new TimmViT (timm's configuration for MNIST), and `train` and `test`,
// MNIST's splits, with ViT.Data, ViT.Training and ViT.Weights imported.
using ViT.Data;
using ViT.Training;
using ViT.Weights;

using var data = DataFolder.Open("data/mnist", ImageShape.Of(TimmViT.InputShape));
IImageSource train = data.Train, test = data.Test;
var model = new TimmViT();
// snippet
[Input(1, 28, 28), Patchify(7, dim: 100), ClassToken, PositionEmbedding, Encoder(layers: 3, heads: 2), ClassifierHead(10)]
public partial class TimmViT;

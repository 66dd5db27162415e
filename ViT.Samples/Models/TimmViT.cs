namespace ViT.Samples.Models;

/// <summary>
/// The same task as timm's <c>VisionTransformer(img_size=28, patch_size=7, in_chans=1, num_classes=10, embed_dim=100,
/// depth=3, num_heads=2)</c>: split attention, exact GELU, qkv bias, LayerNorm eps 1e-6, final norm before class-token
/// pooling. 371,910 parameters; state-dict keys equal timm's.
/// Initialised with PyTorch's defaults rather than timm's: with the tutorial's recipe (5 epochs, Adam 3e-4, no warm-up)
/// timm's small truncated-normal start reached 95.85% test accuracy, PyTorch's 97.41% (seed 42, this machine).
/// Mixed precision, as the tutorial trains this model (<c>precision=16</c>): products in bfloat16, the rest in float32;
/// over seeds 1-3 the test accuracy after the recipe was 97.10% against 97.13% in float32 (docs/performance.md).
/// </summary>
[Input(1, 28, 28)]
[Patchify(7, dim: 100)]
[ClassToken]
[PositionEmbedding]
[Encoder(layers: 3, heads: 2)]
[ClassifierHead(Classes)]
[Initialize(Initialization.PyTorchDefault)]
[Precision(Precision.BFloat16)]
public sealed partial class TimmViT
{
    /// <summary>The classes it scores: MNIST's ten digits; <see cref="TimmViT5"/> is the same network with five.</summary>
    public const int Classes = 10;
}

/// <summary>
/// <see cref="TimmViT"/> with a five-class head, for the <c>finetune</c> command: its layers and state-dict names are
/// TimmViT's (inlined), so a body trained as one loads into the other, all but <c>head</c>.
/// </summary>
[Input(1, 28, 28)]
[Layer(typeof(TimmViT), "Classes: 5", Inline = true)]
[Initialize(Initialization.PyTorchDefault)]
[Precision(Precision.BFloat16)]
public sealed partial class TimmViT5;

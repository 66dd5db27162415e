using ViT.Generators.Helpers;
using ViT.Generators.Layers;

namespace ViT.Generators.Shapes;

/// <summary>One step of a model's trace: a layer resolved against the shape it receives, and what it costs.</summary>
/// <param name="Layer">The layer with everything inferred from its input filled in.</param>
/// <param name="LayerIndex">Index of the layer in <c>ModelSpec.Layers</c>.</param>
/// <param name="Name">Its state-dict name: timm's for the ViT layers (<c>patch_embed</c>), its position otherwise (<c>3</c>), as <c>nn.Sequential</c> would.</param>
/// <param name="Input">The shape it receives.</param>
/// <param name="Output">The shape it produces.</param>
/// <param name="Parameters">Trainable parameters it owns.</param>
/// <param name="Flops">Floating-point operations of its forward for one sample (a multiply-add is 2), counting matrix products and convolutions.</param>
/// <param name="Activations">Elements of the intermediate tensors its forward creates for one sample (what training keeps for the backward pass, at most).</param>
/// <param name="Rows">Its rows of the model's summary.</param>
public sealed record LayerStep(
    Layer Layer,
    int LayerIndex,
    string Name,
    Shape Input,
    Shape Output,
    long Parameters,
    long Flops,
    long Activations,
    EquatableArray<SummaryRow> Rows);

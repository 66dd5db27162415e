// Linked into ViT.Generators, where VIT_GENERATOR moves it to ViT.Generators.Shared: the generator reads the names
// and defaults of the attribute from this one file (see Enums/Activation.cs).
using System;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif

/// <summary>
/// What every layer attribute has: the layer's state-dict name and whether the layer is there at all. In a
/// <c>[Block]</c> both may depend on the block's constants, so one block serves every place it is used, as
/// torchvision's <c>if expand_ratio != 1: layers.append(...)</c> does in Python.
/// </summary>
public abstract class LayerAttributeBase : Attribute
{
    /// <summary>
    /// The layer's state-dict name (<c>"conv1"</c>, <c>"downsample"</c>, <c>"layer_scale"</c>): letters, digits,
    /// <c>_</c> and <c>-</c>. Without one a layer is named as <c>nn.Sequential</c> names it, by its position (timm's
    /// names for the ViT layers).
    /// </summary>
    public string? Name { get; set; }

    /// <summary>
    /// Whether the layer is there; true by default. A layer left out also gives up its position, so the layers after
    /// it are numbered as Python's list of layers would be. In a block, a condition on its constants:
    /// <c>When = Expand != 1</c>.
    /// </summary>
    public bool When { get; set; } = true;
}

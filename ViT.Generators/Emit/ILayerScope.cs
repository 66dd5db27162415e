using ViT.Generators.Shared;

namespace ViT.Generators.Emit;

/// <summary>
/// What the TorchSharp and the PyTorch scopes share for a class whose layers are written inside another's (an inlined
/// block): its initialisation scheme, the local that holds its input, and fresh local names.
/// </summary>
internal interface ILayerScope
{
    Initialization Initialization { get; set; }

    string Input { get; set; }

    string LocalName(string name);
}

namespace ViT.Generators.Tests.Soundness;

/// <summary>Who refused a model that failed to build or run, so the report shows how much torch itself decided.</summary>
internal enum FailureKind
{
    /// <summary>TorchSharp (libtorch) threw: a size, a kernel, a view, a matrix product, a broadcast.</summary>
    Torch,

    /// <summary>
    /// A layer met a tensor of a rank its PyTorch or timm module is not defined for in a batched model: an image layer
    /// on anything but <c>[B, C, H, W]</c> (PyTorch's unbatched 3-D form would take the batch for channels), a token
    /// layer on anything but <c>[B, N, D]</c> (timm's modules unpack <c>B, N, D = x.shape</c>).
    /// </summary>
    Rank,

    /// <summary>A composed model's forward guard refused the incoming shape (its declared input differs).</summary>
    Guard,

    /// <summary>A model contains itself: its construction never ends.</summary>
    Cycle,

    /// <summary>Not a model: no <c>[Input]</c> first, or <c>typeof</c> names no model of the group.</summary>
    Declaration,

    /// <summary>
    /// An argument no module can be made of: a patch of no pixels, an undefined enum value, or a zero-size
    /// convolution kernel (libtorch's oneDNN convolution aborts the whole process on it, so it is never run).
    /// </summary>
    Unbuildable,

    /// <summary>
    /// A use's values or an attribute's expression that have no value there, as Python's call would raise: an unknown
    /// constant, too many values, one given twice, a value of another type, a division by zero, an <c>In</c> size of
    /// another kind of shape.
    /// </summary>
    Arguments,

    /// <summary>
    /// Names PyTorch cannot build: one that <c>add_module</c> refuses (empty, or with a dot), or two children of one
    /// module with weights under one name (a module holds one child of a name; a state dict one tensor per key).
    /// </summary>
    Names,
}

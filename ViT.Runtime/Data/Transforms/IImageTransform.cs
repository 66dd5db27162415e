using static TorchSharp.torch;

namespace ViT.Data;

/// <summary>
/// One step that changes a batch of images, <c>[B, C, H, W]</c> floats. A random step draws for each image from
/// <see cref="SampleRandom"/> with (seed, epoch, index), never from a shared generator, so the image an example
/// becomes depends only on those three: a resumed run, a prefetching loader and a plain loop all see the same batches.
/// </summary>
public interface IImageTransform
{
    /// <summary>True for augmentations (crop, flip), which evaluation leaves out.</summary>
    bool IsRandom { get; }

    /// <summary>The shape an image of <paramref name="input"/> has after this step.</summary>
    ImageShape OutputShape(ImageShape input);

    /// <summary>Transforms <paramref name="images"/>; <paramref name="context"/> says which examples they are.</summary>
    Tensor Apply(Tensor images, TransformContext context);
}

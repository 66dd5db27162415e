// Linked into ViT.Generators (see ../Attributes/Enums/Activation.cs): the analyzer reads it with the models' parser.
using System;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT.Data;
#endif

/// <summary>
/// Declares the image shape <c>[C, H, W]</c> that a data-set type always produces (and, when fixed, its number of
/// classes), so that the compile-time checks can compare them with the model it is given to: its <c>[Input]</c>
/// (VIT0018) and its output (VIT0026).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ImageShapeAttribute : Attribute
{
    /// <summary>Declares images of <paramref name="channels"/> × <paramref name="height"/> × <paramref name="width"/>.</summary>
    public ImageShapeAttribute(int channels, int height, int width)
    {
        Channels = channels;
        Height = height;
        Width = width;
    }

    /// <summary>1 for gray, 3 for RGB.</summary>
    public int Channels { get; }

    /// <summary>Rows of pixels.</summary>
    public int Height { get; }

    /// <summary>Columns of pixels.</summary>
    public int Width { get; }

    /// <summary>How many classes the labels name, when every data set of the type has the same (MNIST: 10); 0 when unknown.</summary>
    public int Classes { get; set; }
}

using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Data;

/// <summary>
/// Images and labels from a pair of IDX files, of any image size: rank 3 (<c>[N, H, W]</c>, one channel, as MNIST,
/// Fashion-MNIST, KMNIST and EMNIST) or rank 4 (<c>[N, C, H, W]</c>). Pixels stay bytes in memory and are scaled to
/// [0, 1] as batches are read.
/// </summary>
public static class IdxImages
{
    /// <summary>Reads both files (gzipped or raw) into a data set.</summary>
    public static ImageDataset Load(string imagesPath, string labelsPath) =>
        FromIdx(IdxFile.ReadImages(imagesPath), IdxFile.ReadLabels(labelsPath), imagesPath, labelsPath);

    /// <summary>Builds a data set from IDX images and labels already read; the paths name the files in errors.</summary>
    public static ImageDataset FromIdx(IdxData images, IdxData labels, string imagesPath, string labelsPath)
    {
        if (images.Count != labels.Count)
            throw new DataFormatException(labelsPath,
                $"holds {labels.Count:N0} labels but {Path.GetFileName(imagesPath)} holds {images.Count:N0} images; the two files must describe the same examples.");
        var d = images.Dimensions;
        var shape = d.Count == 3 ? new ImageShape(1, d[1], d[2]) : new ImageShape(d[1], d[2], d[3]);
        using var scope = NewDisposeScope();
        var pixels = torch.tensor(images.Elements.ToArray(), dtype: ScalarType.Byte).reshape(images.Count, shape.Channels, shape.Height, shape.Width);
        var classes = torch.tensor(labels.Elements.ToArray(), dtype: ScalarType.Byte).to_type(ScalarType.Int64);
        return new ImageDataset(pixels, classes, $"{imagesPath} (labels {Path.GetFileName(labelsPath)})");
    }
}

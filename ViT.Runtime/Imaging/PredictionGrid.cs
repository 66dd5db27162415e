using static TorchSharp.torch;

namespace ViT.Imaging;

/// <summary>The tutorial's last picture: test images titled "label/prediction", green when right, red when wrong.</summary>
public static class PredictionGrid
{
    /// <summary>Draws the first (up to) 64 images with their labels and predictions in an 8×8 grid.</summary>
    public static RgbImage Draw(Tensor images, IReadOnlyList<long> labels, IReadOnlyList<long> predictions)
    {
        int count = (int)Math.Min(64, Math.Min(images.shape[0], Math.Min(labels.Count, predictions.Count)));
        var titles = new string[count];
        var colours = new Rgb[count];
        for (int i = 0; i < count; i++)
        {
            titles[i] = $"{labels[i]}/{predictions[i]}";
            colours[i] = labels[i] == predictions[i] ? Rgb.Green : Rgb.Red;
        }
        return ImageGrid.Draw(images.narrow(0, 0, count), titles, colours);
    }
}

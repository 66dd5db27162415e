using static TorchSharp.torch;

namespace ViT.Imaging;

/// <summary>The tutorial's last picture: test images titled "label/prediction", the wrong ones flagged, with a caption saying so.</summary>
public static class PredictionGrid
{
    /// <summary>Draws the first (up to) 64 images with their labels and predictions in an 8×8 grid.</summary>
    public static Picture Draw(Tensor images, IReadOnlyList<long> labels, IReadOnlyList<long> predictions)
    {
        int count = (int)Math.Min(64, Math.Min(images.shape[0], Math.Min(labels.Count, predictions.Count)));
        var titles = Enumerable.Range(0, count)
            .Select(i => new GridTitle($"{labels[i]}/{predictions[i]}", Flagged: labels[i] != predictions[i]))
            .ToArray();
        int wrong = titles.Count(t => t.Flagged);
        string example = titles.FirstOrDefault(t => t.Flagged)?.Text ?? "7/2";
        string[] caption =
        [
            $"Each title is label/prediction: {example} means the image is labelled {example.Split('/')[0]} and the model predicted {example.Split('/')[1]}.",
            $"Wrong predictions are red, framed and marked with a cross: {wrong} of {count} here.",
        ];
        return ImageGrid.Draw(images.narrow(0, 0, count), titles, caption);
    }
}

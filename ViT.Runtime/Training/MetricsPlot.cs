using ViT.Imaging;

namespace ViT.Training;

/// <summary>The training curves: loss and accuracy per epoch, training beside validation.</summary>
public static class MetricsPlot
{
    /// <summary>Draws two panels, loss and accuracy, with one point per epoch for each split.</summary>
    public static RgbImage Draw(IReadOnlyList<EpochMetrics> history)
    {
        var image = new RgbImage(960, 400, Rgb.White);
        LineChart.Draw(image, 0, 0, 480, 400, "Loss", "epoch",
        [
            new ChartSeries("train", Rgb.Blue, history.Select(m => ((double)m.Epoch, m.TrainLoss)).ToArray()),
            new ChartSeries("validation", Rgb.Orange, history.Select(m => ((double)m.Epoch, m.ValidationLoss)).ToArray()),
        ]);
        LineChart.Draw(image, 480, 0, 480, 400, "Accuracy", "epoch",
        [
            new ChartSeries("train", Rgb.Blue, history.Select(m => ((double)m.Epoch, m.TrainAccuracy)).ToArray()),
            new ChartSeries("validation", Rgb.Orange, history.Select(m => ((double)m.Epoch, m.ValidationAccuracy)).ToArray()),
        ]);
        return image;
    }
}

using SkiaSharp;
using ViT.Imaging;
using ViT.Training;
using static TorchSharp.torch;

namespace ViT.Runtime.Tests.Imaging;

/// <summary>What the pictures show, read back pixel by pixel with SkiaSharp's decoder.</summary>
public sealed class PictureTests
{
    static readonly SKColor TrainBlue = SKColor.Parse("#1f77b4"), ValidationOrange = SKColor.Parse("#ff7f0e");

    static int Count(SKBitmap bitmap, int left, int right, int top, int bottom, Func<SKColor, bool> match)
    {
        int count = 0;
        for (int y = top; y < bottom; y++)
            for (int x = left; x < right; x++)
                if (match(bitmap.GetPixel(x, y))) count++;
        return count;
    }

    static bool Near(SKColor a, SKColor b) => Math.Abs(a.Red - b.Red) + Math.Abs(a.Green - b.Green) + Math.Abs(a.Blue - b.Blue) < 40;

    static bool Red(SKColor c) => c.Red > 150 && c.Green < 90 && c.Blue < 90;

    [Fact]
    public void Wrong_predictions_are_framed_and_only_they_are_red()
    {
        using var images = rand(3, 1, 28, 28);

        var picture = PredictionGrid.Draw(images, labels: [7, 2, 1], predictions: [7, 3, 1]);

        using var bitmap = PngFile.Decode(picture.Png);
        Assert.Equal((picture.Width, picture.Height), (bitmap.Width, bitmap.Height));
        int cellWidth = 28 * 3 + 8, gridBottom = 8 + 24 + 28 * 3 + 8;
        int[] red = Enumerable.Range(0, 3).Select(i => Count(bitmap, 4 + i * cellWidth, 4 + (i + 1) * cellWidth, 0, gridBottom, Red)).ToArray();
        Assert.Equal(0, red[0]);
        Assert.True(red[1] > 4 * 84 * 2, $"the wrong prediction has {red[1]} red pixels: no frame");
        Assert.Equal(0, red[2]);
        // The caption below the grid explains the titles: dark text pixels there.
        Assert.True(Count(bitmap, 0, bitmap.Width, gridBottom, bitmap.Height, c => c.Red < 100 && c.Green < 100 && c.Blue < 100) > 200);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_grid_shows_the_images_pixels(bool bytes)
    {
        using var images = bytes ? zeros(2, 1, 28, 28, dtype: ScalarType.Byte) : zeros(2, 1, 28, 28);
        images[1].fill_(bytes ? 255 : 1);

        using var bitmap = PngFile.Decode(ImageGrid.Draw(images, [new("0"), new("1")]).Png);

        // Scaled three times with no smoothing, under a 24-pixel title, 8 pixels in from the corner.
        Assert.Equal(SKColors.Black, bitmap.GetPixel(8 + 40, 8 + 24 + 40));
        Assert.Equal(SKColors.White, bitmap.GetPixel(8 + 92 + 40, 8 + 24 + 40));
    }

    [Fact]
    public void Both_panels_of_the_metrics_chart_draw_both_splits()
    {
        EpochMetrics[] history =
        [
            Row(1, 0.60, 0.80, 0.30, 0.90),
            Row(2, 0.25, 0.93, 0.20, 0.94),
            Row(3, 0.15, 0.96, 0.18, 0.95),
        ];

        using var bitmap = PngFile.Decode(MetricsChart.Draw(history).Png);

        int half = bitmap.Width / 2;
        foreach (var (left, right) in new[] { (0, half), (half, bitmap.Width) })
        {
            Assert.True(Count(bitmap, left, right, 0, bitmap.Height, c => Near(c, TrainBlue)) > 100, $"no training line in [{left}, {right})");
            Assert.True(Count(bitmap, left, right, 0, bitmap.Height, c => Near(c, ValidationOrange)) > 100, $"no validation line in [{left}, {right})");
        }
    }

    [Fact]
    public void A_chart_without_validation_or_with_one_epoch_draws()
    {
        using var bitmap = PngFile.Decode(MetricsChart.Draw([new EpochMetrics(1, new Dictionary<string, double> { ["train_loss"] = 0.5, ["train_acc"] = 0.8 }, 10, 100)]).Png);

        Assert.True(Count(bitmap, 0, bitmap.Width, 0, bitmap.Height, c => Near(c, TrainBlue)) > 20);
        Assert.Equal(0, Count(bitmap, 0, bitmap.Width, 0, bitmap.Height, c => Near(c, ValidationOrange)));
    }

    static EpochMetrics Row(int epoch, double trainLoss, double trainAccuracy, double validationLoss, double validationAccuracy) =>
        new(epoch, new Dictionary<string, double>
        {
            ["train_loss"] = trainLoss, ["train_acc"] = trainAccuracy, ["val_loss"] = validationLoss, ["val_acc"] = validationAccuracy,
        }, 10, 100);
}

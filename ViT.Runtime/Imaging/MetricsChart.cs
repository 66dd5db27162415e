using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;
using ViT.Training;

namespace ViT.Imaging;

/// <summary>The training curves: loss and accuracy per epoch, training beside validation, drawn with ScottPlot.</summary>
public static class MetricsChart
{
    const int PanelWidth = 560, Height = 420;
    static readonly Color TrainColour = Color.FromHex("#1f77b4");
    static readonly Color ValidationColour = Color.FromHex("#ff7f0e");

    /// <summary>
    /// Two panels: loss, and accuracy in percent (as the console prints it), one marker per epoch for each split; whole
    /// epochs on the x axes and the legends below the plots, where they cover no data.
    /// </summary>
    public static Picture Draw(IReadOnlyList<EpochMetrics> history)
    {
        var loss = Panel("Loss", "cross-entropy", history, m => m.TrainLoss, m => m.ValidationLoss, value => value.ToString("0.###", CultureInfo.InvariantCulture));
        var accuracy = Panel("Accuracy", "accuracy", history, m => 100 * m.TrainAccuracy, m => 100 * m.ValidationAccuracy,
            value => value.ToString("0.##", CultureInfo.InvariantCulture) + " %");

        using var canvas = new Canvas(2 * PanelWidth, Height);
        loss.Render(canvas.Draw, new PixelRect(0, PanelWidth, Height, 0));
        accuracy.Render(canvas.Draw, new PixelRect(PanelWidth, 2 * PanelWidth, Height, 0));
        return canvas.ToPicture();
    }

    static Plot Panel(string title, string yLabel, IReadOnlyList<EpochMetrics> history,
        Func<EpochMetrics, double> train, Func<EpochMetrics, double> validation, Func<double, string> format)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(yLabel);
        AddSeries(plot, "train", TrainColour, history, train);
        AddSeries(plot, "validation", ValidationColour, history, validation);

        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = format };
        // A lone epoch gives the axis no width: show it as the middle of [0, 2].
        if (history.Count == 1) plot.Axes.SetLimitsX(0, 2);
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    static void AddSeries(Plot plot, string name, Color colour, IReadOnlyList<EpochMetrics> history, Func<EpochMetrics, double> value)
    {
        var points = history.Where(m => double.IsFinite(value(m))).ToArray();
        if (points.Length == 0) return; // no validation set: no validation line
        var series = plot.Add.Scatter(points.Select(m => (double)m.Epoch).ToArray(), points.Select(value).ToArray(), colour);
        series.LegendText = name;
        series.LineWidth = 2;
        series.MarkerSize = 7;
    }
}

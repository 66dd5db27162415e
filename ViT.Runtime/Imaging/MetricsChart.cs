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
        RenderInto(canvas, loss, left: 0);
        RenderInto(canvas, accuracy, left: PanelWidth);
        return canvas.ToPicture();
    }

    /// <summary>Renders one panel; the clip keeps ScottPlot's background fill off the other panel.</summary>
    static void RenderInto(Canvas canvas, Plot plot, int left)
    {
        canvas.Draw.Save();
        canvas.Draw.ClipRect(SkiaSharp.SKRect.Create(left, 0, PanelWidth, Height));
        plot.Render(canvas.Draw, new PixelRect(left, left + PanelWidth, Height, 0));
        canvas.Draw.Restore();
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
        plot.Axes.Bottom.MinorTickStyle.Length = 0; // minor ticks between whole epochs would read as a log scale
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = format };
        // A lone epoch gives the axis no width: centre it, with no other whole epoch in view.
        if (history.Count == 1) plot.Axes.SetLimitsX(history[0].Epoch - 0.5, history[0].Epoch + 0.5);
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

using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;
using ViT.Training;
using ViT.Training.Metrics;

namespace ViT.Imaging;

/// <summary>The training curves: one panel per metric (loss, accuracy, …), each with its training and validation values per epoch, drawn with ScottPlot.</summary>
public static class MetricsChart
{
    const int PanelWidth = 560, Height = 420;
    static readonly Color[] SeriesColours = [Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"), Color.FromHex("#d62728")];

    /// <summary>
    /// One panel per metric of <paramref name="metrics"/> (the loss and accuracy by default) that the history holds, then
    /// one per other value (such as a logged learning rate): each value named <c>train_x</c>, <c>val_x</c> (or with any
    /// other prefix) is a line on x's panel, fractions in percent as the console prints them. Families (per-class
    /// values, matrices) are left out. Whole epochs on the x axes, the legends below the plots, where they cover no data.
    /// </summary>
    public static Picture Draw(IReadOnlyList<EpochMetrics> history, IReadOnlyList<Metric>? metrics = null)
    {
        metrics ??= [new MeanLoss(), new Accuracy()];
        var panels = Panels(history, metrics).ToList();
        using var canvas = new Canvas(Math.Max(1, panels.Count) * PanelWidth, Height);
        for (int i = 0; i < panels.Count; i++) RenderInto(canvas, panels[i], left: i * PanelWidth);
        return canvas.ToPicture();
    }

    static IEnumerable<Plot> Panels(IReadOnlyList<EpochMetrics> history, IReadOnlyList<Metric> metrics)
    {
        var names = history.SelectMany(m => m.Values.Keys).Distinct().Where(name => !MetricNames.IsFamilyElement(name)).ToList();
        var byMetric = names.GroupBy(name => metrics.Where(m => name == m.Name || name.EndsWith("_" + m.Name, StringComparison.Ordinal)).MaxBy(m => m.Name.Length));
        foreach (var metric in metrics)
        {
            var series = byMetric.FirstOrDefault(group => group.Key == metric)?.ToList();
            if (series is not null) yield return Panel(metric, series, history);
        }
        foreach (var other in byMetric.Where(group => group.Key is null).SelectMany(group => group))
            yield return Panel(null, [other], history);
    }

    /// <summary>Renders one panel; the clip keeps ScottPlot's background fill off the other panels.</summary>
    static void RenderInto(Canvas canvas, Plot plot, int left)
    {
        canvas.Draw.Save();
        canvas.Draw.ClipRect(SkiaSharp.SKRect.Create(left, 0, PanelWidth, Height));
        plot.Render(canvas.Draw, new PixelRect(left, left + PanelWidth, Height, 0));
        canvas.Draw.Restore();
    }

    static Plot Panel(Metric? metric, IReadOnlyList<string> names, IReadOnlyList<EpochMetrics> history)
    {
        bool percent = metric?.Format == MetricFormat.Percent;
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.Title(metric?.Name switch { MetricNames.Loss => "Loss", MetricNames.Accuracy => "Accuracy", null => names[0], var name => name });
        plot.XLabel("epoch");
        plot.YLabel(metric?.Name == MetricNames.Accuracy ? "accuracy" : metric?.Name ?? names[0]);
        for (int i = 0; i < names.Count; i++)
        {
            string name = names[i];
            string legend = metric is null ? name : name == metric.Name ? name : name[..^(metric.Name.Length + 1)] switch { "train" => "train", "val" => "validation", var stage => stage };
            AddSeries(plot, legend, SeriesColours[i % SeriesColours.Length], history, m => (percent ? 100 : 1) * m.Values.GetValueOrDefault(name, double.NaN));
        }

        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.Bottom.MinorTickStyle.Length = 0; // minor ticks between whole epochs would read as a log scale
        plot.Axes.Left.TickGenerator = new NumericAutomatic
        {
            LabelFormatter = percent ? value => value.ToString("0.##", CultureInfo.InvariantCulture) + " %" : value => value.ToString("0.###", CultureInfo.InvariantCulture),
        };
        // A lone epoch gives the axis no width: centre it, with no other whole epoch in view.
        if (history.Count == 1) plot.Axes.SetLimitsX(history[0].Epoch - 0.5, history[0].Epoch + 0.5);
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    static void AddSeries(Plot plot, string name, Color colour, IReadOnlyList<EpochMetrics> history, Func<EpochMetrics, double> value)
    {
        var points = history.Where(m => double.IsFinite(value(m))).ToArray();
        if (points.Length == 0) return; // never measured (no validation set): no line
        var series = plot.Add.Scatter(points.Select(m => (double)m.Epoch).ToArray(), points.Select(value).ToArray(), colour);
        series.LegendText = name;
        series.LineWidth = 2;
        series.MarkerSize = 7;
    }
}

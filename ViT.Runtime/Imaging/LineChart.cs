using System.Globalization;

namespace ViT.Imaging;

/// <summary>A named series of (x, y) points for <see cref="LineChart"/>.</summary>
public sealed record ChartSeries(string Name, Rgb Colour, IReadOnlyList<(double X, double Y)> Points);

/// <summary>A line chart drawn into a region of an <see cref="RgbImage"/>: frame, ticks with labels, series with markers, legend.</summary>
public static class LineChart
{
    const int TickCount = 5;

    /// <summary>Draws <paramref name="series"/> into the rectangle (left, top, width, height) under <paramref name="title"/>.</summary>
    public static void Draw(RgbImage image, int left, int top, int width, int height, string title, string xLabel, IReadOnlyList<ChartSeries> series)
    {
        var points = series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.Y)).ToList();
        double xMin = points.Count == 0 ? 0 : Math.Min(0, points.Min(p => p.X)), xMax = points.Count == 0 ? 1 : points.Max(p => p.X);
        double yMin = points.Count == 0 ? 0 : points.Min(p => p.Y), yMax = points.Count == 0 ? 1 : points.Max(p => p.Y);
        if (xMax <= xMin) xMax = xMin + 1;
        if (yMax - yMin < 1e-9) { yMin -= 0.5; yMax += 0.5; }
        double pad = (yMax - yMin) * 0.05;
        yMin -= pad;
        yMax += pad;

        int plotLeft = left + 60, plotTop = top + 24, plotRight = left + width - 10, plotBottom = top + height - 36;
        int X(double x) => plotLeft + (int)Math.Round((x - xMin) / (xMax - xMin) * (plotRight - plotLeft));
        int Y(double y) => plotBottom - (int)Math.Round((y - yMin) / (yMax - yMin) * (plotBottom - plotTop));

        image.DrawTextCentred(title, (plotLeft + plotRight) / 2, top + 4, Rgb.Black, 2);
        for (int i = 0; i <= TickCount; i++)
        {
            double y = yMin + (yMax - yMin) * i / TickCount;
            image.DrawLine(plotLeft, Y(y), plotRight, Y(y), Rgb.LightGrey);
            string label = y.ToString(Math.Abs(yMax - yMin) < 0.1 ? "F3" : "F2", CultureInfo.InvariantCulture);
            image.DrawText(label, plotLeft - 6 - BitmapFont.MeasureWidth(label), Y(y) - 3, Rgb.Black);
            double x = xMin + (xMax - xMin) * i / TickCount;
            image.DrawLine(X(x), plotBottom, X(x), plotBottom + 4, Rgb.Black);
            image.DrawTextCentred(x.ToString("0.#", CultureInfo.InvariantCulture), X(x), plotBottom + 8, Rgb.Black);
        }
        image.DrawLine(plotLeft, plotTop, plotLeft, plotBottom, Rgb.Black);
        image.DrawLine(plotLeft, plotBottom, plotRight, plotBottom, Rgb.Black);
        image.DrawTextCentred(xLabel, (plotLeft + plotRight) / 2, plotBottom + 22, Rgb.Black);

        int legendY = plotTop + 4;
        foreach (var s in series)
        {
            var finite = s.Points.Where(p => double.IsFinite(p.Y)).ToList();
            for (int i = 1; i < finite.Count; i++)
                image.DrawLine(X(finite[i - 1].X), Y(finite[i - 1].Y), X(finite[i].X), Y(finite[i].Y), s.Colour, 2);
            foreach (var p in finite) image.FillRectangle(X(p.X) - 2, Y(p.Y) - 2, 5, 5, s.Colour);
            image.FillRectangle(plotRight - 110, legendY, 12, 7, s.Colour);
            image.DrawText(s.Name, plotRight - 94, legendY, Rgb.Black);
            legendY += 12;
        }
    }
}

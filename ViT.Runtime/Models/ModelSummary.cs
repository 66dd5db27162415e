using System.Globalization;
using System.Text;

namespace ViT;

/// <summary>One row of a <see cref="ModelSummary"/>: a layer, its kind, its output shape and parameter count.</summary>
/// <param name="Layer">The layer's state-dict prefix, for example <c>blocks.0</c>.</param>
/// <param name="Type">What the layer is, for example <c>Encoder block (split, 2 heads)</c>.</param>
/// <param name="OutputShape">The output shape without the batch dimension.</param>
/// <param name="Parameters">The number of trainable parameters the layer owns.</param>
public sealed record ModelSummaryRow(string Layer, string Type, IReadOnlyList<long> OutputShape, long Parameters);

/// <summary>The compile-time description of a generated model: input, output and a row per layer.</summary>
public sealed record ModelSummary(string ModelName, IReadOnlyList<long> InputShape, IReadOnlyList<long> OutputShape, IReadOnlyList<ModelSummaryRow> Rows)
{
    /// <summary>The sum of the rows' parameters.</summary>
    public long TotalParameters => Rows.Sum(row => row.Parameters);

    /// <summary>Formats a shape without the batch dimension as <c>[1, 28, 28]</c>.</summary>
    public static string FormatShape(IReadOnlyList<long> shape) =>
        "[" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";

    /// <summary>The summary as a fixed-width text table, ending with the parameter total.</summary>
    public override string ToString()
    {
        string[] header = { "Layer", "Type", "Output shape", "Parameters" };
        var cells = Rows.Select(r => new[] { r.Layer, r.Type, FormatShape(r.OutputShape), r.Parameters.ToString("N0", CultureInfo.InvariantCulture) }).ToList();
        int[] widths = header.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{ModelName}: input {FormatShape(InputShape)} -> output {FormatShape(OutputShape)}");
        AppendRow(text, header, widths);
        text.AppendLine(new string('-', widths.Sum() + 3 * (widths.Length - 1)));
        foreach (var row in cells) AppendRow(text, row, widths);
        text.Append(CultureInfo.InvariantCulture, $"Total parameters: {TotalParameters:N0}");
        return text.ToString();
    }

    static void AppendRow(StringBuilder text, string[] cells, int[] widths)
    {
        for (int i = 0; i < cells.Length; i++)
        {
            if (i > 0) text.Append(" | ");
            text.Append(i == cells.Length - 1 ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
        }
        text.AppendLine();
    }
}

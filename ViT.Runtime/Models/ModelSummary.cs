using System.Globalization;

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
        var rows = Rows.Select(r => new[] { r.Layer, r.Type, FormatShape(r.OutputShape), r.Parameters.ToString("N0", CultureInfo.InvariantCulture) });
        return $"{ModelName}: input {FormatShape(InputShape)} -> output {FormatShape(OutputShape)}{Environment.NewLine}"
            + TextTable.Format(["Layer", "Type", "Output shape", "Parameters"], rows, rightAligned: 3)
            + string.Create(CultureInfo.InvariantCulture, $"Total parameters: {TotalParameters:N0}");
    }
}

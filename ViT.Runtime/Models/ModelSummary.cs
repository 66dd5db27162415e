namespace ViT;

/// <summary>One row of a <see cref="ModelSummary"/>: a layer, its kind, its output shape and parameter count.</summary>
/// <param name="Layer">The layer's state-dict name, for example <c>blocks.0</c> or <c>3</c>.</param>
/// <param name="Type">What the layer is, for example <c>Conv2d 5x5, 6 channels</c>.</param>
/// <param name="OutputShape">The output shape without the batch dimension.</param>
/// <param name="Parameters">The number of trainable parameters the layer owns.</param>
/// <param name="Depth">0 for the model's own layers; 1 for the layers of a model used as one of its layers (their parameters are already counted in that layer's row), and so on.</param>
public sealed record ModelSummaryRow(string Layer, string Type, IReadOnlyList<long> OutputShape, long Parameters, int Depth = 0);

/// <summary>The compile-time description of a generated model: input, output and a row per layer.</summary>
public sealed record ModelSummary(string ModelName, IReadOnlyList<long> InputShape, IReadOnlyList<long> OutputShape, IReadOnlyList<ModelSummaryRow> Rows)
{
    /// <summary>The parameters of the model's own layers (composed models' inner rows are part of their layer's row).</summary>
    public long TotalParameters => Rows.Where(row => row.Depth == 0).Sum(row => row.Parameters);

    /// <summary>Floating-point operations of one forward pass per image, counting matrix products and convolutions (a multiply-add is 2).</summary>
    public long ForwardFlops { get; init; }

    /// <summary>Bytes of float32 intermediate tensors one forward pass creates per image: about what training keeps for the backward pass.</summary>
    public long ActivationBytes { get; init; }

    /// <summary>The precision the model's <c>[Precision]</c> declares (an instance may be set to another).</summary>
    public Precision Precision { get; init; }

    /// <summary>Formats a shape without the batch dimension as <c>[1, 28, 28]</c>.</summary>
    public static string FormatShape(IReadOnlyList<long> shape) => SummaryTable.Shape(shape);

    /// <summary>The summary as a fixed-width text table, ending with the totals.</summary>
    public override string ToString() =>
        $"{ModelName}: input {FormatShape(InputShape)} -> output {FormatShape(OutputShape)}{Environment.NewLine}"
        + SummaryTable.Format(Rows.Select(r => new SummaryTable.Row(r.Layer, r.Type, r.OutputShape, r.Parameters, r.Depth)), TotalParameters, ForwardFlops, ActivationBytes, Precision).TrimEnd('\n');
}

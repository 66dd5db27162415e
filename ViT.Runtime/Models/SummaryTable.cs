// Linked into ViT.Generators (see ../Attributes/Enums/Activation.cs): the one layout of a model summary, used by
// ModelSummary.ToString() and by the table in every generated model's XML doc.
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif

/// <summary>A model summary as text, like Keras' <c>model.summary()</c> and torchinfo: a row per layer, then the totals.</summary>
public static class SummaryTable
{
    /// <summary>One row: the layer's state-dict name, what it is, its output shape, its parameters, how deep it is nested.</summary>
    public readonly struct Row(string layer, string type, IReadOnlyList<long> shape, long parameters, int depth)
    {
        /// <summary>The state-dict name.</summary>
        public string Layer { get; } = layer;

        /// <summary>What the layer is.</summary>
        public string Type { get; } = type;

        /// <summary>The output shape without the batch dimension.</summary>
        public IReadOnlyList<long> Shape { get; } = shape;

        /// <summary>Its trainable parameters.</summary>
        public long Parameters { get; } = parameters;

        /// <summary>0 for the model's own layers, 1 inside a composed model, and so on.</summary>
        public int Depth { get; } = depth;
    }

    /// <summary>
    /// The table (layers inside composed models indented under theirs) and three totals: parameters, forward
    /// floating-point operations and activation memory, both per image. Lines end with \n.
    /// </summary>
    public static string Format(IEnumerable<Row> rows, long parameters, long forwardFlops, long activationBytes, Precision precision = Precision.Float32)
    {
        var cells = rows.Select(r => (IReadOnlyList<string>)new[] { new string(' ', 2 * r.Depth) + r.Layer, r.Type, Shape(r.Shape), r.Parameters.ToString("N0", CultureInfo.InvariantCulture) });
        return TextTable.Format(new[] { "Layer", "Type", "Output shape", "Parameters" }, cells, 3)
            + string.Format(CultureInfo.InvariantCulture, "Total parameters: {0:N0}\n", parameters)
            + string.Format(CultureInfo.InvariantCulture, "Forward pass: {0} per image; activations: {1} per image (float32)\n", Flops(forwardFlops), Memory(activationBytes))
            + (precision == Precision.BFloat16 ? "Precision: bfloat16 products and convolutions; float32 weights, normalisation, softmax and logits\n" : "");
    }

    /// <summary><c>[1, 28, 28]</c>.</summary>
    public static string Shape(IEnumerable<long> shape) => "[" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";

    /// <summary><c>1.5 GiB</c>, <c>300 MiB</c>, <c>12 KiB</c>.</summary>
    public static string Memory(long bytes) => bytes >= 1L << 30
        ? string.Format(CultureInfo.InvariantCulture, "{0:0.#} GiB", bytes / (double)(1L << 30))
        : bytes >= 1L << 20
            ? string.Format(CultureInfo.InvariantCulture, "{0:0.#} MiB", bytes / (double)(1L << 20))
            : string.Format(CultureInfo.InvariantCulture, "{0:0.#} KiB", bytes / 1024.0);

    /// <summary><c>2.4 GFLOP</c>, <c>830 MFLOP</c>.</summary>
    public static string Flops(long flops) => flops >= 1_000_000_000
        ? string.Format(CultureInfo.InvariantCulture, "{0:0.##} GFLOP", flops / 1e9)
        : string.Format(CultureInfo.InvariantCulture, "{0:0.##} MFLOP", flops / 1e6);
}

using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ViT.Generators.Emit;

/// <summary>Invariant-culture formatting of numbers and shapes for emitted code.</summary>
public static class Fmt
{
    public static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string D(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary><c>1,234,567</c>.</summary>
    public static string Thousands(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary><c>[B, 16, 100]</c>: a shape comment with the batch first.</summary>
    public static string Batched(params long[] shape) => Shapes.Shape.FormatBatched(shape);

    public static string Args(IEnumerable<long> values) => string.Join(", ", values.Select(I));

    public static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>A verbatim string literal, for text of many lines (a Python file).</summary>
    public static string Verbatim(string text) => "@\"" + text.Replace("\"", "\"\"") + "\"";

    public static string Str(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}

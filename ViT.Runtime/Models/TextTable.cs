// Linked into ViT.Generators (see ../Attributes/Enums/Activation.cs), so that the summary in a generated model's XML
// doc is laid out by the same code as the one the trainer prints.
using System.Collections.Generic;
using System.Linq;
using System.Text;
#if VIT_GENERATOR
namespace ViT.Generators.Shared;
#else
namespace ViT;
#endif

/// <summary>Fixed-width text tables for the console: a header, a rule, then rows, columns joined by " | ".</summary>
public static class TextTable
{
    /// <summary>
    /// Formats <paramref name="rows"/> under <paramref name="header"/>; the columns whose indices are in
    /// <paramref name="rightAligned"/> (numbers) are padded on the left, the others on the right.
    /// </summary>
    public static string Format(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, params int[] rightAligned)
    {
        var cells = rows.ToList();
        int[] widths = header.Select((title, i) => cells.Select(row => row[i].Length).Concat(new[] { title.Length }).Max()).ToArray();
        var text = new StringBuilder();
        AppendRow(text, header, widths, rightAligned);
        text.Append(new string('-', widths.Sum() + 3 * (widths.Length - 1))).Append('\n');
        foreach (var row in cells) AppendRow(text, row, widths, rightAligned);
        return text.ToString();
    }

    static void AppendRow(StringBuilder text, IReadOnlyList<string> cells, int[] widths, int[] rightAligned) =>
        text.Append(string.Join(" | ", cells.Select((cell, i) => rightAligned.Contains(i) ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]))).TrimEnd()).Append('\n');
}

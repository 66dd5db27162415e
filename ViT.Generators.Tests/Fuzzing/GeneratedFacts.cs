using System.Globalization;
using System.Text.RegularExpressions;

namespace ViT.Generators.Tests.Fuzzing;

/// <summary>
/// Reads back the compile-time facts a generated model states (parameter count, FLOPs, activation bytes, and every
/// shape: input, output and each summary row) and names those that cannot be true: a negative count, or a dimension
/// that is not positive. Arithmetic overflow in the shape rules shows up here.
/// </summary>
internal static partial class GeneratedFacts
{
    public static IEnumerable<string> Problems(string hintName, string source)
    {
        foreach (Match fact in Counts().Matches(source))
        {
            if (long.Parse(fact.Groups["value"].Value, CultureInfo.InvariantCulture) < 0) yield return $"{hintName}: {fact.Value.Trim()}";
        }

        foreach (Match shape in Shapes().Matches(source))
        {
            var dims = shape.Groups["dims"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (dims.Length == 0 || dims.Any(d => long.Parse(d, CultureInfo.InvariantCulture) <= 0)) yield return $"{hintName}: shape {shape.Value}";
        }
    }

    [GeneratedRegex(@"(ParameterCount = |ForwardFlops = |ActivationBytes = |\}, )(?<value>-?\d+)L")]
    private static partial Regex Counts();

    [GeneratedRegex(@"new long\[\] \{(?<dims>[^}]*)\}")]
    private static partial Regex Shapes();
}

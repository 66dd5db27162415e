using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace ViT.Samples.Cli;

/// <summary>
/// Parsers for the sample's option values. Each reads the text the user typed or adds one error that quotes it
/// and says what is accepted; System.CommandLine's own conversion names neither the range nor the fix, and a
/// validator that reads a value which failed to convert throws instead of reporting.
/// </summary>
static class OptionValues
{
    /// <summary>A whole number of at least <paramref name="minimum"/>.</summary>
    public static Func<ArgumentResult, int> WholeNumber(int minimum = int.MinValue) => WholeNumber<int>(minimum);

    /// <summary>A whole number of type <typeparamref name="T"/>, at least <paramref name="minimum"/>.</summary>
    public static Func<ArgumentResult, T> WholeNumber<T>(T minimum) where T : IBinaryInteger<T>, IMinMaxValue<T> => result =>
        T.TryParse(Text(result), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : Refuse<T>(result, string.Create(CultureInfo.InvariantCulture, $"a whole number from {minimum} to {T.MaxValue}"));

    /// <summary>A rate above 0 and at most <paramref name="maximum"/>, with <paramref name="example"/> as the usual choice.</summary>
    public static Func<ArgumentResult, double> LearningRate(double maximum, double example) => result =>
    {
        bool parsed = double.TryParse(Text(result), NumberStyles.Float, CultureInfo.InvariantCulture, out double rate);
        if (parsed && rate > 0 && rate <= maximum) return rate;
        string accepted = FormattableString.Invariant($"a number above 0 and at most {maximum}, such as the tutorial's {example}");
        return Refuse<double>(result, accepted, parsed && rate > maximum
            ? "Adam moves each weight by about the rate at every step, so a larger rate throws the weights far past any useful value"
            : null);
    };

    /// <summary>A folder name: anything but empty.</summary>
    public static Func<ArgumentResult, string> Folder(string example) => result =>
        string.IsNullOrWhiteSpace(Text(result)) ? Refuse<string>(result, $"a folder, such as {OptionName(result)} {example}") : Text(result);

    /// <summary>Accepts only <paramref name="choices"/>, and offers them as completions.</summary>
    public static void AcceptOnly(Option<string> option, params string[] choices)
    {
        option.CustomParser = result => choices.Contains(Text(result), StringComparer.Ordinal)
            ? Text(result)
            : Refuse<string>(result, $"{string.Join(", ", choices[..^1])} or {choices[^1]}");
        option.CompletionSources.Add(choices);
    }

    static string Text(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[0].Value : "";

    static string OptionName(ArgumentResult result) =>
        result.Parent is OptionResult option ? option.IdentifierToken?.Value ?? option.Option.Name : result.Argument.Name;

    static T Refuse<T>(ArgumentResult result, string accepted, string? reason = null)
    {
        result.AddError($"{OptionName(result)} needs {accepted}, not '{Text(result)}'{(reason is null ? "" : $": {reason}")}.");
        return default!;
    }
}

using System.Text.RegularExpressions;

namespace ViT.Package.Tests;

/// <summary>One compiler or analyzer diagnostic as <c>dotnet build</c> prints it: <c>file(line,col): error ID: message [project]</c>.</summary>
public sealed partial record BuildDiagnostic(string File, int Line, string Severity, string Id, string Message)
{
    [GeneratedRegex(@"^\s*(?<file>[^(\r\n]+)\((?<line>\d+),\d+(,\d+,\d+)?\): (?<severity>error|warning) (?<id>[A-Z]+\d+): (?<message>.*?)( \[[^\]]+\])?\s*$", RegexOptions.Multiline)]
    private static partial Regex DiagnosticLine();

    /// <summary>The distinct diagnostics in a build's output (MSBuild repeats them in its summary).</summary>
    public static IReadOnlyList<BuildDiagnostic> Parse(string output) =>
        DiagnosticLine().Matches(output)
            .Select(m => new BuildDiagnostic(Path.GetFileName(m.Groups["file"].Value), int.Parse(m.Groups["line"].Value),
                m.Groups["severity"].Value, m.Groups["id"].Value, m.Groups["message"].Value))
            .Distinct()
            .ToList();

    /// <inheritdoc/>
    public override string ToString() => $"{File}({Line}): {Severity} {Id}: {Message}";
}

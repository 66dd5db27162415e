using System.Text.RegularExpressions;

namespace ViT.Docs.Tests;

/// <summary>
/// A fenced code block of a Markdown page: its language and the options after it in the info string
/// (<c>```csharp no_run VIT0004</c>), its text, and where it starts (for the test's name and its failures).
/// </summary>
public sealed partial record CodeBlock(string Page, int Line, string Language, IReadOnlyList<string> Options, string Code)
{
    [GeneratedRegex(@"^(?<fence>```+)(?<info>[^`\n]*)\n(?<code>.*?)^\k<fence>[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();

    /// <summary>The fenced blocks of <paramref name="markdown"/>, in order; <paramref name="page"/> names it in each block.</summary>
    public static IReadOnlyList<CodeBlock> Read(string page, string markdown)
    {
        markdown = markdown.Replace("\r\n", "\n");
        return Fence().Matches(markdown).Select(m =>
        {
            var words = m.Groups["info"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            int line = markdown.AsSpan(0, m.Index).Count('\n') + 1;
            return new CodeBlock(page, line, words.FirstOrDefault() ?? "", words.Skip(1).ToList(), m.Groups["code"].Value);
        }).ToList();
    }

    /// <summary>The value of an option <c>name=value</c>, or null.</summary>
    public string? Option(string name) => Options.FirstOrDefault(o => o.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..];

    /// <summary>Whether the info string carries the flag <paramref name="name"/>.</summary>
    public bool Has(string name) => Options.Contains(name);

    /// <inheritdoc/>
    public override string ToString() => $"{Page}:{Line}";
}

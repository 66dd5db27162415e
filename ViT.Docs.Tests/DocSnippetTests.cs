using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace ViT.Docs.Tests;

/// <summary>
/// Every <c>csharp</c> block of the documentation compiles as a user would paste it into Program.cs (fragments inside
/// the wrapper their info string names), and runs unless marked <c>no_run</c>; a block that shows a diagnostic
/// reports exactly the ones its info string lists, with the messages its comments quote. The conventions are in
/// docs/testing.md.
/// </summary>
public sealed partial class DocSnippetTests(ITestOutputHelper output)
{
    [GeneratedRegex(@"^(VIT|CS)\d{4}$")]
    private static partial Regex DiagnosticId();

    /// <summary>A comment quoting a diagnostic: <c>// VIT0004: 3 heads do not divide ...</c>, with its continuation lines.</summary>
    [GeneratedRegex(@"//\s*(?<id>VIT\d{4}):\s*(?<text>[^\n]*(\n[ \t]*//(?!\s*VIT\d{4})[^\n]*)*)")]
    private static partial Regex QuotedMessage();

    static readonly string[] Flags = ["no_run", "ignore"];

    public static TheoryData<string> Blocks()
    {
        var data = new TheoryData<string>();
        foreach (var block in DocPages.CSharpBlocks.Where(b => !b.Has("ignore"))) data.Add(block.ToString());
        return data;
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void The_block_compiles_as_pasted_and_runs(string where)
    {
        var block = DocPages.CSharpBlocks.Single(b => b.ToString() == where);
        var snippet = Snippet.Compile(Paste(block));
        var expected = block.Options.Where(o => DiagnosticId().IsMatch(o)).Order(StringComparer.Ordinal).ToList();
        var reported = snippet.Diagnostics.Select(d => d.Id).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.SequenceEqual(reported),
            $"{where} should report [{string.Join(", ", expected)}] but reports:\n{string.Join("\n", snippet.Diagnostics)}\n\n{snippet.Source}");

        foreach (Match quote in QuotedMessage().Matches(block.Code))
        {
            string id = quote.Groups["id"].Value;
            string text = Regex.Replace(quote.Groups["text"].Value, @"\n[ \t]*//[ \t]*", " ").Trim();
            var messages = snippet.Diagnostics.Where(d => d.Id == id).Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.True(messages.Any(m => Quotes(text, m)), $"{where}: the comment quotes {id} as \"{text}\" but the message is:\n{string.Join("\n", messages)}");
        }

        if (expected.Count > 0 || block.Has("no_run") || !snippet.IsProgram) return;
        var folder = Directory.CreateTempSubdirectory("vit-doc-snippet-");
        try
        {
            snippet.Run(folder.FullName);
            output.WriteLine($"{where} ran");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Every_page_is_found_and_every_block_says_what_it_is()
    {
        Assert.Contains("README.md", DocPages.All);
        Assert.Contains("ViT.Runtime/PACKAGE.md", DocPages.All);
        Assert.Contains("docs/diagnostics.md", DocPages.All);
        foreach (var block in DocPages.CSharpBlocks)
        {
            foreach (string option in block.Options)
            {
                bool known = Flags.Contains(option) || DiagnosticId().IsMatch(option) || block.Option("fragment") is { } name && option == $"fragment={name}";
                Assert.True(known, $"{block}: unknown option '{option}' (docs/testing.md lists them)");
            }
        }

        var compiled = DocPages.CSharpBlocks.Where(b => !b.Has("ignore")).ToList();
        output.WriteLine($"{DocPages.CSharpBlocks.Count} C# blocks on {DocPages.All.Count} pages: {compiled.Count} compiled, " +
                         $"{compiled.Count(b => !b.Has("no_run") && !b.Options.Any(o => DiagnosticId().IsMatch(o)) && HasStatements(b))} of them run, " +
                         $"{compiled.Count(b => b.Options.Any(o => DiagnosticId().IsMatch(o)))} show diagnostics, {DocPages.CSharpBlocks.Count - compiled.Count} ignored");
    }

    static bool HasStatements(CodeBlock block) =>
        ((Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax)Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(Paste(block)).GetRoot()).Members.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax>().Any();

    /// <summary>The block itself, or the wrapper it names with the block in place of its <c>// snippet</c> line.</summary>
    static string Paste(CodeBlock block)
    {
        if (block.Option("fragment") is not { } name) return block.Code;
        string wrapper = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Wrappers", name + ".cs"));
        const string marker = "// snippet\n";
        Assert.Contains(marker, wrapper, StringComparison.Ordinal);
        return wrapper.Replace(marker, block.Code, StringComparison.Ordinal);
    }

    /// <summary>Whether a comment quotes the message: its text, cut at each "..." (or "…"), appears in it part by part, in order.</summary>
    static bool Quotes(string text, string message)
    {
        var parts = text.Split(["...", "…"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return Regex.IsMatch(message, string.Join(".*", parts.Select(Regex.Escape)), RegexOptions.Singleline);
    }
}

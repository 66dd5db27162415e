using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace ViT.Generators.Tests;

/// <summary>
/// What hovering a model shows: its doc comment as the compiler gives it to an editor. A valid model's summary table
/// sits in a code block that starts a paragraph of its own (csharp-ls 0.28 and other Markdown hovers put the block's
/// fence right after the text before it, which breaks the fence unless a paragraph ends first); an invalid model, which
/// gets no code, says which errors stopped it.
/// </summary>
public sealed class HoverTests
{
    static XElement Documentation(string source, string type) => Documentation(GeneratorHarness.Run(source).Output, type);

    static XElement Documentation(Compilation output, string type) => XElement.Parse(output.GetTypeByMetadataName(type)!.GetDocumentationCommentXml()!);

    [Fact]
    public void A_model_hover_shows_its_layer_table_in_a_code_block_of_its_own()
    {
        var (_, output, _) = GeneratorHarness.Run("""
            namespace Samples;
            [ViT.Input(1, 28, 28), ViT.Conv2d(6, 5, padding: 2), ViT.MaxPool2d(2), ViT.Flatten, ViT.Linear(10)]
            public partial class Net;
            """);
        var summary = Documentation(output, "Samples.Net").Element("summary")!;
        var code = summary.Element("code")!;
        Assert.Equal("para", code.ElementsBeforeSelf().Last().Name.LocalName);
        Assert.StartsWith("ViT# model generated from the attributes of", summary.Nodes().OfType<XText>().First().Value.Trim(), StringComparison.Ordinal);

        // The block holds the table the trainer prints (ModelSummary.ToString() of the compiled model), line for line.
        using var assembly = new MemoryStream();
        Assert.True(output.Emit(assembly).Success);
        var context = new System.Runtime.Loader.AssemblyLoadContext("hover", isCollectible: true);
        var printed = context.LoadFromStream(new MemoryStream(assembly.ToArray())).GetType("Samples.Net")!.GetProperty("ModelSummary")!.GetValue(null)!.ToString()!;
        context.Unload();
        Assert.Equal(
            printed.Split('\n').Skip(1).Select(l => l.Trim()),
            code.Value.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
    }

    [Fact]
    public void An_invalid_model_hover_says_why_it_has_no_code()
    {
        var doc = Documentation("""
            namespace Samples;
            /// <summary>My model.</summary>
            [ViT.Input(1, 28, 28), ViT.Conv2d(16, 5), ViT.MaxPool2d(2), ViT.Linear(120)]
            public partial class Net;
            """, "Samples.Net");
        string text = string.Join(" ", doc.Elements("summary").Select(s => s.Value));
        Assert.Contains("My model.", text, StringComparison.Ordinal);
        Assert.Contains("ViT# generated no model code for Net because of this error; fix them and the model appears", text, StringComparison.Ordinal);
        Assert.Contains("VIT0007: [Linear] takes a vector [F] or tokens [N, D] but receives an image [16, 12, 12]; insert [Flatten]", text, StringComparison.Ordinal);
    }
}

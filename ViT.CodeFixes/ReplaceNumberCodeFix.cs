using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ViT.Generators.Diagnostics;

namespace ViT.CodeFixes;

/// <summary>
/// Offers one fix per valid value that the analyzer put in the diagnostic's properties (it has done the shape math,
/// so the fix does none): each replaces the offending argument's expression by that number.
/// </summary>
public abstract class ReplaceNumberCodeFix : CodeFixProvider
{
    /// <summary>The diagnostic this fixes.</summary>
    protected abstract string DiagnosticId { get; }

    /// <summary>The title of the fix for one value, for example "Use 4 heads".</summary>
    protected abstract string Title(string value);

    public sealed override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticId);

    // Each value is its own choice; fixing all occurrences with the same value would rarely be right.
    public sealed override FixAllProvider? GetFixAllProvider() => null;

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Choices, out var values) || string.IsNullOrEmpty(values)) continue;
            var argument = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: false)
                .AncestorsAndSelf().OfType<AttributeArgumentSyntax>().FirstOrDefault();
            if (argument is null) continue;
            foreach (var value in values!.Split(','))
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number)) continue;
                var literal = SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(number))
                    .WithTriviaFrom(argument.Expression);
                context.RegisterCodeFix(
                    CodeAction.Create(
                        Title(value),
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(argument.Expression, literal))),
                        DiagnosticId + "." + value),
                    diagnostic);
            }
        }
    }
}

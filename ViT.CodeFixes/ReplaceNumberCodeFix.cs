using System;
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
/// so the fix does none): each replaces the offending argument's expression by that number. The value nearest the one
/// written comes first; Fix All (and <c>dotnet format analyzers</c>) gives every occurrence its own nearest value.
/// </summary>
public abstract class ReplaceNumberCodeFix : CodeFixProvider
{
    /// <summary>The diagnostic this fixes.</summary>
    protected abstract string DiagnosticId { get; }

    /// <summary>The title of the fix for one value, for example "Use 4 heads"; <paramref name="argument"/> is the parameter's name, when the analyzer gave it.</summary>
    protected abstract string Title(string value, string? argument);

    public sealed override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticId);

    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <summary>The equivalence key of each diagnostic's nearest value, which Fix All applies everywhere.</summary>
    string NearestKey => DiagnosticId + ".Nearest";

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
            diagnostic.Properties.TryGetValue(DiagnosticProperties.Argument, out var name);
            long? written = argument.Expression is LiteralExpressionSyntax { Token.Value: int value } ? value : null;
            var numbers = values!.Split(',')
                .Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : (int?)null)
                .OfType<int>()
                .OrderBy(n => written is long w ? Math.Abs(n - w) : 0)
                .ThenBy(n => n)
                .ToList();
            for (int i = 0; i < numbers.Count; i++)
            {
                var literal = SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(numbers[i]))
                    .WithTriviaFrom(argument.Expression);
                string text = numbers[i].ToString(CultureInfo.InvariantCulture);
                context.RegisterCodeFix(
                    CodeAction.Create(
                        Title(text, name),
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(argument.Expression, literal))),
                        i == 0 ? NearestKey : DiagnosticId + "." + text),
                    diagnostic);
            }
        }
    }
}

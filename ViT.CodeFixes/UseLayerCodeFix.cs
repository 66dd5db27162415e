using System.Collections.Immutable;
using System.Composition;
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
/// VIT0023: a block that changes the shape cannot be a residual (x + block(x)), but it can be a layer; replaces
/// <c>[Residual(typeof(M))]</c> by <c>[Layer(typeof(M))]</c>, keeping how the name was qualified.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseLayerCodeFix)), Shared]
public sealed class UseLayerCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "VIT0023.UseLayer";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ResidualChangesShape);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            var attribute = root.FindNode(diagnostic.Location.SourceSpan).AncestorsAndSelf().OfType<AttributeSyntax>().FirstOrDefault();
            if (attribute is null || Renamed(attribute.Name) is not { } name) continue;
            context.RegisterCodeFix(
                CodeAction.Create("Use [Layer] (no addition)", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(attribute.Name, name))), EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary><c>Residual</c>, <c>ResidualAttribute</c>, <c>ViT.Residual</c> as the same spelling of Layer; null for anything else.</summary>
    static NameSyntax? Renamed(NameSyntax name) => name switch
    {
        IdentifierNameSyntax identifier when identifier.Identifier.ValueText is "Residual" or "ResidualAttribute" =>
            identifier.WithIdentifier(SyntaxFactory.Identifier(identifier.Identifier.ValueText.Replace("Residual", "Layer")).WithTriviaFrom(identifier.Identifier)),
        QualifiedNameSyntax qualified when Renamed(qualified.Right) is SimpleNameSyntax right => qualified.WithRight(right),
        AliasQualifiedNameSyntax alias when Renamed(alias.Name) is SimpleNameSyntax right => alias.WithName(right),
        _ => null,
    };
}

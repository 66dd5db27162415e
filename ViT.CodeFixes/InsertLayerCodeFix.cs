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
/// Inserts the layer attribute the analyzer named (<c>[Flatten]</c> before a <c>[Linear]</c> fed an image, VIT0007;
/// <c>[ClassToken]</c> after <c>[Patchify]</c>, VIT0006) before the attribute it located; the analyzer did the shape
/// math, so the fix does none.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsertLayerCodeFix)), Shared]
public sealed class InsertLayerCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.LayerOutOfOrder, DiagnosticIds.PoolingNeedsClassToken);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Insert, out var layer) || string.IsNullOrEmpty(layer) || diagnostic.AdditionalLocations.Count == 0) continue;
            var anchor = root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan).AncestorsAndSelf().OfType<AttributeSyntax>().FirstOrDefault();
            if (anchor?.Parent is not AttributeListSyntax list) continue;
            context.RegisterCodeFix(
                CodeAction.Create($"Insert [{layer}]", _ => Task.FromResult(context.Document.WithSyntaxRoot(Insert(root, list, anchor, layer!))), "Insert." + layer),
                diagnostic);
        }
    }

    static SyntaxNode Insert(SyntaxNode root, AttributeListSyntax list, AttributeSyntax anchor, string layer)
    {
        // Qualify the new attribute as the user qualified its neighbour (ViT.Flatten or Flatten).
        NameSyntax name = anchor.Name is QualifiedNameSyntax qualified
            ? SyntaxFactory.QualifiedName(qualified.Left.WithoutTrivia(), SyntaxFactory.IdentifierName(layer))
            : SyntaxFactory.IdentifierName(layer);
        var attribute = SyntaxFactory.Attribute(name);
        if (list.Attributes.Count > 1)
        {
            return root.ReplaceNode(list, list.WithAttributes(list.Attributes.Insert(list.Attributes.IndexOf(anchor), attribute)));
        }

        // A list of its own, on its own line, indented like the anchor's.
        var inserted = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute))
            .WithLeadingTrivia(list.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)))
            .WithTrailingTrivia(SyntaxFactory.EndOfLine("\n"));
        return list.Parent switch
        {
            TypeDeclarationSyntax type => root.ReplaceNode(type, type.WithAttributeLists(type.AttributeLists.Insert(type.AttributeLists.IndexOf(list), inserted))),
            _ => root,
        };
    }
}

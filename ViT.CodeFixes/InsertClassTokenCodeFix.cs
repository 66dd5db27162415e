using System;
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

/// <summary>VIT0006: inserts <c>[ClassToken]</c> right after <c>[Patchify]</c> (its place in the layer order).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsertClassTokenCodeFix)), Shared]
public sealed class InsertClassTokenCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "VIT0006.InsertClassToken";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.PoolingNeedsClassToken);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            var declaration = DiagnosedClass.Find(root, diagnostic);
            if (declaration is null) continue;
            context.RegisterCodeFix(
                CodeAction.Create("Insert [ClassToken] after [Patchify]", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(declaration, Fix(declaration)))), EquivalenceKey),
                diagnostic);
        }
    }

    static ClassDeclarationSyntax Fix(ClassDeclarationSyntax declaration)
    {
        var lists = declaration.AttributeLists;
        int patchify = IndexOf(lists, "Patchify");
        int anchor = patchify >= 0 ? patchify : Math.Max(0, IndexOf(lists, "ClassifierHead") - 1);
        if (lists.Count == 0) return declaration;

        // Qualify the new attribute as the user qualified [Patchify] (ViT.Patchify or Patchify).
        var patchifyName = patchify >= 0 ? lists[patchify].Attributes.First(a => Is(a, "Patchify")).Name : null;
        NameSyntax name = patchifyName is QualifiedNameSyntax qualified
            ? SyntaxFactory.QualifiedName(qualified.Left.WithoutTrivia(), SyntaxFactory.IdentifierName("ClassToken"))
            : SyntaxFactory.IdentifierName("ClassToken");
        var reference = lists[anchor];
        var inserted = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(name)))
            .WithLeadingTrivia(reference.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)))
            .WithTrailingTrivia(reference.GetTrailingTrivia());
        return declaration.WithAttributeLists(lists.Insert(anchor + 1, inserted));
    }

    static int IndexOf(SyntaxList<AttributeListSyntax> lists, string name)
    {
        for (int i = 0; i < lists.Count; i++)
        {
            if (lists[i].Attributes.Any(a => Is(a, name))) return i;
        }

        return -1;
    }

    static bool Is(AttributeSyntax attribute, string name)
    {
        string text = attribute.Name switch
        {
            QualifiedNameSyntax q => q.Right.Identifier.ValueText,
            SimpleNameSyntax s => s.Identifier.ValueText,
            AliasQualifiedNameSyntax a => a.Name.Identifier.ValueText,
            _ => string.Empty,
        };
        return text == name || text == name + "Attribute";
    }
}

using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ViT.Generators.Diagnostics;

namespace ViT.CodeFixes;

/// <summary>
/// VIT0018 and VIT0026 are reported where the data meets the model, and mended where the model is declared, often in
/// another file: the analyzer names the syntax to replace (its first additional location) and the C# to put there (the
/// data's shape as the <c>[Input]</c> arguments, the data's class count as the last layer's outputs).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplaceInModelCodeFix)), Shared]
public sealed class ReplaceInModelCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.DataShapeMismatch, DiagnosticIds.ClassCountMismatch);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Replacement, out var text) || text is null
                || !diagnostic.Properties.TryGetValue(DiagnosticProperties.Title, out var title) || title is null
                || diagnostic.AdditionalLocations.Count == 0
                || context.Document.Project.Solution.GetDocument(diagnostic.AdditionalLocations[0].SourceTree) is not { } model)
            {
                continue;
            }

            var span = diagnostic.AdditionalLocations[0].SourceSpan;
            context.RegisterCodeFix(
                CodeAction.Create(title, async token =>
                {
                    var root = await model.GetSyntaxRootAsync(token).ConfigureAwait(false);
                    if (root is null) return model.Project.Solution;
                    var node = root.FindNode(span, getInnermostNodeForTie: true);
                    SyntaxNode? replacement = node is AttributeArgumentListSyntax ? SyntaxFactory.ParseAttributeArgumentList(text) : SyntaxFactory.ParseExpression(text);
                    if (replacement is null) return model.Project.Solution;
                    return model.WithSyntaxRoot(root.ReplaceNode(node, replacement.WithTriviaFrom(node))).Project.Solution;
                }, diagnostic.Id + ".FromData"),
                diagnostic);
        }

        return Task.CompletedTask;
    }
}

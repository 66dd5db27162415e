using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ViT.Generators.Diagnostics;

namespace ViT.CodeFixes;

/// <summary>
/// VIT0013, when the analyzer marked it as caused only by containing types that are not partial: adds <c>partial</c>
/// to each of them. A generic or static model, or a generic container, is a design choice no edit can make for the user,
/// so then the analyzer leaves the mark off and nothing is offered.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeContainersPartialCodeFix)), Shared]
public sealed class MakeContainersPartialCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "VIT0013.MakeContainersPartial";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnsupportedDeclaration);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.ContainsKey(DiagnosticProperties.MakeContainersPartial)) continue;
            var model = DiagnosedClass.Find(root, diagnostic);

            // Outermost first, so the title reads as the nesting does.
            var containers = model?.Ancestors().OfType<TypeDeclarationSyntax>().Where(t => !PartialModifier.Has(t)).Reverse().ToList();
            if (containers is not { Count: > 0 }) continue;
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Make {Names(containers)} partial",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNodes(containers, (_, rewritten) => PartialModifier.Add((TypeDeclarationSyntax)rewritten)))),
                    EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>"Outer", "Outer and Inner", "A, B and C".</summary>
    static string Names(List<TypeDeclarationSyntax> containers)
    {
        var names = containers.Select(c => c.Identifier.ValueText).ToList();
        return names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[names.Count - 1];
    }
}

using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using ViT.Generators.Diagnostics;

namespace ViT.CodeFixes;

/// <summary>VIT0003: replaces the patch size by each size that divides both the image height and width.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplacePatchCodeFix)), Shared]
public sealed class ReplacePatchCodeFix : ReplaceNumberCodeFix
{
    protected override string DiagnosticId => DiagnosticIds.PatchDoesNotDivideImage;

    protected override string Title(string value, string? argument) => $"Use patch size {value}";
}

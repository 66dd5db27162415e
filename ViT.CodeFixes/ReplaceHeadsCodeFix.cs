using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using ViT.Generators.Diagnostics;

namespace ViT.CodeFixes;

/// <summary>VIT0004: replaces the head count by each count that divides the embedding width.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplaceHeadsCodeFix)), Shared]
public sealed class ReplaceHeadsCodeFix : ReplaceNumberCodeFix
{
    protected override string DiagnosticId => DiagnosticIds.HeadsDoNotDivideDim;

    protected override string Title(string value, string? argument) => value == "1" ? "Use 1 head" : $"Use {value} heads";
}

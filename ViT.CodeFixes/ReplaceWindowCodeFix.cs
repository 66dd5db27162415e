using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using ViT.Generators.Diagnostics;

namespace ViT.CodeFixes;

/// <summary>VIT0020: the largest kernel that fits the padded input, or the largest padding a pooling window allows.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplaceWindowCodeFix)), Shared]
public sealed class ReplaceWindowCodeFix : ReplaceNumberCodeFix
{
    protected override string DiagnosticId => DiagnosticIds.KernelDoesNotFit;

    protected override string Title(string value, string? argument) => $"Use {(argument ?? "kernel").ToLowerInvariant()} {value}";
}

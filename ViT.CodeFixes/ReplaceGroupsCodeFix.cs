using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using ViT.Generators.Diagnostics;

namespace ViT.CodeFixes;

/// <summary>VIT0021: replaces a convolution's groups by each count that divides both its input and output channels.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplaceGroupsCodeFix)), Shared]
public sealed class ReplaceGroupsCodeFix : ReplaceNumberCodeFix
{
    protected override string DiagnosticId => DiagnosticIds.GroupsDoNotDivideChannels;

    protected override string Title(string value, string? argument) => value == "1" ? "Use 1 group" : $"Use {value} groups";
}

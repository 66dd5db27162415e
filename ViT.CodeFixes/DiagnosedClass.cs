using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ViT.CodeFixes;

/// <summary>The model class a diagnostic points into, whether it sits on the identifier or on an attribute argument.</summary>
internal static class DiagnosedClass
{
    public static ClassDeclarationSyntax? Find(SyntaxNode root, Diagnostic diagnostic) =>
        root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<ClassDeclarationSyntax>().FirstOrDefault();
}

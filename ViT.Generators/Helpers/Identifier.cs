using Microsoft.CodeAnalysis.CSharp;

namespace ViT.Generators.Helpers;

/// <summary>Names from the user's code, written back as C# identifiers.</summary>
public static class Identifier
{
    /// <summary><c>@class</c> for <c>class</c>: a keyword (reserved or contextual) becomes a verbatim identifier.</summary>
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary><c>Samples.@event.Models</c>: each part of a dotted name escaped.</summary>
    public static string EscapeDotted(string name) => string.Join(".", System.Array.ConvertAll(name.Split('.'), Escape));
}

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ViT.Generators.Parsing;

/// <summary>Whether an attribute can be read at all: arguments that do not bind or parse are reported, never guessed at.</summary>
public static class AttributeErrors
{
    /// <summary>Whether an attribute's arguments failed to bind or parse, or one was dropped for its type.</summary>
    public static bool HasErrors(AttributeData attribute, CancellationToken cancellationToken)
    {
        if (attribute.AttributeClass is null or { TypeKind: TypeKind.Error }) return true;
        if (attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error)) return true;
        if (attribute.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error)) return true;
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax syntax)
        {
            if (syntax.ContainsDiagnostics) return true;
            int namedInSyntax = syntax.ArgumentList?.Arguments.Count(a => a.NameEquals is not null) ?? 0;
            int positionalInSyntax = (syntax.ArgumentList?.Arguments.Count ?? 0) - namedInSyntax;
            if (namedInSyntax != attribute.NamedArguments.Length) return true;
            if (attribute.AttributeConstructor is null && positionalInSyntax > 0) return true;
        }

        return false;
    }

    /// <summary>An attribute's constant arguments by name, as the compiler computed them: for attributes that are not layers (<c>[ImageShape]</c>).</summary>
    public static AttributeArguments Constants(AttributeData attribute, string shortName)
    {
        var values = new Dictionary<string, object?>();
        var parameters = attribute.AttributeConstructor?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty;
        for (int i = 0; i < parameters.Length && i < attribute.ConstructorArguments.Length; i++) values[parameters[i].Name] = attribute.ConstructorArguments[i].Value;
        foreach (var pair in attribute.NamedArguments) values[pair.Key] = pair.Value.Value;
        return new AttributeArguments(shortName, 0, values);
    }
}

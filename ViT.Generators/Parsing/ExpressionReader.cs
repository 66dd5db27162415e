using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ViT.Generators.Helpers;
using ViT.Generators.Shared;
using ViT.Generators.Specs;
using ViT.Generators.Specs.Expressions;

namespace ViT.Generators.Parsing;

/// <summary>
/// Reads a constant expression in a class's attributes into an <see cref="Expr"/> when it names the class's constants
/// or <c>In</c>, so that each use can evaluate it with its own values. Names are bound by the rules a block's author
/// relies on (the class's own constants, <c>In</c>, ViT's enums, constants of the types around the class), without a
/// semantic model, so the generator and the analyzers read the same. Anything else in such an expression becomes an
/// <see cref="InvalidExpr"/> that says what to write instead.
/// </summary>
internal sealed class ExpressionReader
{
    /// <summary>The members of <c>In</c>.</summary>
    static readonly HashSet<string> InputSizes = new() { nameof(In.Channels), nameof(In.Height), nameof(In.Width), nameof(In.Tokens), nameof(In.Dim), nameof(In.Features) };

    readonly INamedTypeSymbol type;
    readonly IReadOnlyDictionary<string, BlockParameter> parameters;

    public ExpressionReader(INamedTypeSymbol type, IReadOnlyDictionary<string, BlockParameter> parameters)
    {
        this.type = type;
        this.parameters = parameters;
    }

    /// <summary>Whether <paramref name="syntax"/> names one of the class's constants or <c>In</c>, so that its value depends on the use.</summary>
    public bool DependsOnUse(ExpressionSyntax syntax) => syntax.DescendantNodesAndSelf().Any(node => node switch
    {
        MemberAccessExpressionSyntax access => IsIn(access.Expression) && InputSizes.Contains(access.Name.Identifier.ValueText)
            || NamesThisClass(access.Expression) && parameters.ContainsKey(access.Name.Identifier.ValueText),
        IdentifierNameSyntax name => parameters.ContainsKey(name.Identifier.ValueText)
            && !(name.Parent is MemberAccessExpressionSyntax parent && parent.Name == name)
            && !(name.Parent is InvocationExpressionSyntax),
        _ => false,
    });

    /// <summary>
    /// The expression, checked against <paramref name="compiled"/> (what the compiler computed with the declared
    /// values and <c>In</c>'s placeholders): a different result means a name was read otherwise than C# binds it.
    /// </summary>
    public Expr ReadChecked(ExpressionSyntax syntax, object? compiled)
    {
        var expression = Read(syntax);
        if (expression is InvalidExpr || compiled is null) return expression;
        try
        {
            object placeholders = expression.Evaluate(Bindings.Placeholders(parameters.Values));
            if (Values.SameValue(placeholders, Values.Normalize(compiled))) return expression;
            return new InvalidExpr($"{syntax} names something ViT# reads otherwise than C# does (it reads {Values.Format(placeholders)}, C# computes {Values.Format(Values.Normalize(compiled))}); write it with {type.Name}'s constants, In, numbers and operators", syntax.ToString());
        }
        catch (EvaluationException)
        {
            return expression; // the placeholders do not fit it (In.Tokens - 2, say): the uses decide
        }
    }

    /// <summary>The expression, or an <see cref="InvalidExpr"/> naming the part that cannot be evaluated at a use.</summary>
    public Expr Read(ExpressionSyntax syntax)
    {
        try
        {
            return Convert(syntax);
        }
        catch (NotReadable reason)
        {
            return new InvalidExpr($"{syntax}: {reason.Message}; a value that depends on the use may only combine {type.Name}'s constants, In, numbers, ViT's enums and operators", syntax.ToString());
        }
    }

    /// <summary>A use's arguments, <c>"64, Stride: Stride * 2"</c>, read as C# arguments in this class's scope.</summary>
    public Expr ReadArgumentList(string text)
    {
        var list = SyntaxFactory.ParseArgumentList("(" + text + ")");
        var error = list.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        if (error is not null || list.Arguments.Any(a => !a.RefKindKeyword.IsKind(SyntaxKind.None)))
        {
            return new InvalidExpr($"\"{text}\" is not a list of C# arguments ({error?.GetMessage() ?? "ref, out and in have no place here"}); write them as in a call: \"64, Stride: 2\"", text);
        }

        var arguments = new List<UseArgument>();
        foreach (var argument in list.Arguments)
        {
            var value = Read(argument.Expression);
            if (value is InvalidExpr) return value;
            arguments.Add(new UseArgument(argument.NameColon?.Name.Identifier.ValueText, value));
        }

        return new ArgumentListExpr(arguments.ToEquatableArray(), text);
    }

    Expr Convert(ExpressionSyntax syntax)
    {
        string text = syntax.ToString();
        switch (syntax)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Convert(parenthesized.Expression);
            case CheckedExpressionSyntax @checked:
                return Convert(@checked.Expression);
            case LiteralExpressionSyntax literal when literal.Token.Value is { } value:
                return new ConstantExpr(Values.Normalize(value), text);
            case PrefixUnaryExpressionSyntax unary:
                return new UnaryExpr(unary.OperatorToken.Text, Convert(unary.Operand), text);
            case BinaryExpressionSyntax binary:
                return new BinaryExpr(binary.OperatorToken.Text, Convert(binary.Left), Convert(binary.Right), text);
            case ConditionalExpressionSyntax conditional:
                return new ConditionalExpr(Convert(conditional.Condition), Convert(conditional.WhenTrue), Convert(conditional.WhenFalse), text);
            case CastExpressionSyntax cast:
                return new CastExpr(cast.Type is PredefinedTypeSyntax predefined ? predefined.Keyword.Text : cast.Type.ToString(), Convert(cast.Expression), text);
            case IdentifierNameSyntax name:
                return Name(name.Identifier.ValueText, text);
            case MemberAccessExpressionSyntax access when access.IsKind(SyntaxKind.SimpleMemberAccessExpression):
                return Member(access, text);
            case InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" }, ArgumentList.Arguments: { Count: 1 } arguments }:
                return new ConstantExpr(LastName(arguments[0].Expression), text);
            default:
                throw new NotReadable($"{text} is not a number, a constant or an operator");
        }
    }

    Expr Name(string name, string text)
    {
        if (parameters.TryGetValue(name, out _)) return new ParameterExpr(name, text);
        if (name == IndexExpr.Name) return new IndexExpr(text);
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.GetMembers(name).OfType<IFieldSymbol>().FirstOrDefault(f => f.IsConst) is { ConstantValue: { } value }) return new ConstantExpr(Values.Normalize(value), text);
        }

        throw new NotReadable($"{name} is not one of {type.Name}'s constants");
    }

    Expr Member(MemberAccessExpressionSyntax access, string text)
    {
        string member = access.Name.Identifier.ValueText;
        if (IsIn(access.Expression))
        {
            return InputSizes.Contains(member) ? new InputExpr(member, text) : throw new NotReadable($"In has no {member}; it has {string.Join(", ", InputSizes)}");
        }

        if (NamesThisClass(access.Expression) && parameters.ContainsKey(member)) return new ParameterExpr(member, text);
        if (ViTEnums.Member(LastName(access.Expression), member) is long value) return new ConstantExpr(value, text);

        throw new NotReadable($"{text} is neither one of {type.Name}'s constants, nor In's, nor a member of ViT's enums");
    }

    /// <summary><c>In</c>, <c>ViT.In</c> or <c>global::ViT.In</c>.</summary>
    static bool IsIn(ExpressionSyntax syntax) => syntax switch
    {
        IdentifierNameSyntax name => name.Identifier.ValueText == nameof(In),
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText == nameof(In) && LastName(access.Expression) == "ViT",
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText == nameof(In) && LastName(qualified.Left) == "ViT",
        _ => false,
    };

    bool NamesThisClass(ExpressionSyntax syntax) => LastName(syntax) == type.Name;

    static string LastName(ExpressionSyntax syntax) => syntax switch
    {
        IdentifierNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        _ => syntax.ToString(),
    };

    /// <summary>Why a part of an expression cannot be evaluated at a use.</summary>
    sealed class NotReadable(string message) : Exception(message);
}

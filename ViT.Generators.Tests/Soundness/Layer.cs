using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// One layer attribute as the user writes it (<c>Conv2d(6, 5, padding: 2)</c>): its kind and its arguments, read
/// by Roslyn's parser and independent of the generator's own spec types, so that the soundness tests compare the
/// analyzer with a builder that never saw its code. The builder reads the arguments by position or name and states
/// the defaults itself.
/// </summary>
internal sealed record Layer(string Kind, IReadOnlyList<Argument> Arguments)
{
    /// <summary>Reads <c>Kind</c> or <c>Kind(arguments)</c>, the text between an attribute's brackets.</summary>
    public static Layer Parse(string text)
    {
        int open = text.IndexOf('(', StringComparison.Ordinal);
        if (open < 0) return new Layer(text.Trim(), []);
        var list = SyntaxFactory.ParseAttributeArgumentList(text[open..]);
        if (list is null || list.ContainsDiagnostics) throw new ArgumentException($"cannot parse the layer {text}");
        var arguments = list.Arguments
            .Select(a => new Argument(a.NameEquals?.Name.Identifier.ValueText ?? a.NameColon?.Name.Identifier.ValueText, Evaluate(a.Expression)))
            .ToList();
        return new Layer(text[..open].Trim(), arguments);
    }

    public string ToSource() => Arguments.Count == 0 ? $"[{Kind}]" : $"[{Kind}({string.Join(", ", Arguments.Select(a => a.ToSource()))})]";

    public override string ToString() => ToSource();

    /// <summary>The argument at <paramref name="position"/> among the positional ones, or the one named <paramref name="name"/>.</summary>
    public Argument? Find(int position, string name)
    {
        var positional = Arguments.Where(a => a.Name is null).ToList();
        return position >= 0 && position < positional.Count ? positional[position] : Arguments.FirstOrDefault(a => a.Name == name);
    }

    /// <summary>A copy with argument <paramref name="index"/> replaced by <paramref name="value"/>.</summary>
    public Layer With(int index, object value) => this with { Arguments = Arguments.Select((a, i) => i == index ? a with { Value = value } : a).ToList() };

    /// <summary>A copy with <paramref name="argument"/> added at the end.</summary>
    public Layer With(Argument argument) => this with { Arguments = Arguments.Append(argument).ToList() };

    static object Evaluate(ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax literal => literal.Token.Value!,
        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression } minus => Evaluate(minus.Operand) switch
        {
            int i => -i,
            double d => -d,
            var other => throw new ArgumentException($"cannot negate {other}"),
        },
        MemberAccessExpressionSyntax member => Enum.Parse(EnumType(member.Expression.ToString()), member.Name.Identifier.ValueText),
        CastExpressionSyntax cast => Enum.ToObject(EnumType(cast.Type.ToString()), Evaluate(cast.Expression)),
        ParenthesizedExpressionSyntax parenthesized => Evaluate(parenthesized.Expression),
        TypeOfExpressionSyntax type => new ModelName(type.Type.ToString()),
        _ => throw new ArgumentException($"not a constant this test reads: {expression}"),
    };

    /// <summary>One of the enums users write (<c>Activation</c>, <c>Pooling</c>, ...), from the runtime library.</summary>
    static Type EnumType(string name) =>
        typeof(ViT.Activation).Assembly.GetType("ViT." + name) is { IsEnum: true } type ? type : throw new ArgumentException($"not a ViT enum: {name}");
}

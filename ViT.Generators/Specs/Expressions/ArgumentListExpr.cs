using System.Linq;
using ViT.Generators.Helpers;

namespace ViT.Generators.Specs.Expressions;

/// <summary>
/// What a use gives a block's constants: the string <c>"64, Stride: Stride * 2"</c>, read as C# arguments by position
/// or name, each evaluated with the values of the class that holds the use.
/// </summary>
public sealed record ArgumentListExpr(EquatableArray<UseArgument> Arguments, string Source) : Expr
{
    public override string Text => Source;

    public override object Evaluate(Bindings bindings) =>
        new UseArguments(Arguments.Select(a => new BoundArgument(a.Name, NamesIndex(a.Value) ? new Deferred(a.Value, bindings) : a.Value.Evaluate(bindings), a.Value.Text)).ToEquatableArray(), Source);

    /// <summary>Whether the value depends on the use's position in a repeat, so that it is evaluated there.</summary>
    static bool NamesIndex(Expr value) => value switch
    {
        IndexExpr => true,
        UnaryExpr unary => NamesIndex(unary.Operand),
        BinaryExpr binary => NamesIndex(binary.Left) || NamesIndex(binary.Right),
        ConditionalExpr conditional => NamesIndex(conditional.Condition) || NamesIndex(conditional.WhenTrue) || NamesIndex(conditional.WhenFalse),
        CastExpr cast => NamesIndex(cast.Operand),
        _ => false,
    };
}

/// <summary>One argument of a use: by name (<c>Stride: 2</c>) or, when <see cref="Name"/> is null, by position.</summary>
public sealed record UseArgument(string? Name, Expr Value);

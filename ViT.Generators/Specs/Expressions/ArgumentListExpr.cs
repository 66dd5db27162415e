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
        new UseArguments(Arguments.Select(a => new BoundArgument(a.Name, a.Value.Evaluate(bindings), a.Value.Text)).ToEquatableArray(), Source);
}

/// <summary>One argument of a use: by name (<c>Stride: 2</c>) or, when <see cref="Name"/> is null, by position.</summary>
public sealed record UseArgument(string? Name, Expr Value);

using System.Linq;
using ViT.Generators.Helpers;

namespace ViT.Generators.Specs.Expressions;

/// <summary>
/// A use's value that depends on its position in a <c>[Repeat]</c> (it names <see cref="IndexExpr"/>): the expression
/// with the values of the class that holds the repeat, evaluated once the position is known.
/// </summary>
public sealed record Deferred(Expr Expression, Bindings Bindings)
{
    /// <summary>The value at use <paramref name="index"/> of the repeat.</summary>
    public object At(int index) =>
        Expression.Evaluate(Bindings with { Parameters = Bindings.Parameters.Append(new BoundParameter(IndexExpr.Name, (long)index)).ToEquatableArray() });
}

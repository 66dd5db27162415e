namespace ViT.Generators.Specs.Expressions;

/// <summary>A value known once and for all: what the compiler computed for an argument that names no block constant.</summary>
/// <param name="Value">A <c>long</c>, <c>double</c>, <c>bool</c>, <c>string</c> or <see cref="ModelReference"/>; never null.</param>
/// <param name="Source">The argument as written, or null to show the value.</param>
public sealed record ConstantExpr(object Value, string? Source = null) : Expr
{
    public override string Text => Source ?? Values.Format(Value);

    public override object Evaluate(Bindings bindings) => Value;
}

namespace ViT.Generators.Specs.Expressions;

/// <summary><c>-x</c>, <c>+x</c>, <c>!x</c> or <c>~x</c>.</summary>
public sealed record UnaryExpr(string Operator, Expr Operand, string Source) : Expr
{
    public override string Text => Source;

    public override object Evaluate(Bindings bindings) => Values.Unary(Operator, Operand.Evaluate(bindings), Source);
}

namespace ViT.Generators.Specs.Expressions;

/// <summary><c>(int)x</c>, <c>(long)x</c>, <c>(double)x</c> or <c>(float)x</c> (a cast to an enum keeps the number).</summary>
/// <param name="Type">The keyword: <c>int</c>, <c>long</c>, <c>double</c> or <c>float</c>; any other name is an enum.</param>
public sealed record CastExpr(string Type, Expr Operand, string Source) : Expr
{
    public override string Text => Source;

    public override object Evaluate(Bindings bindings) => Values.Cast(Type, Operand.Evaluate(bindings), Source);
}

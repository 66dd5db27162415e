namespace ViT.Generators.Specs.Expressions;

/// <summary>An arithmetic, comparison or logical operator as C# evaluates it (integer division truncates; <c>&amp;&amp;</c> and <c>||</c> short-circuit).</summary>
public sealed record BinaryExpr(string Operator, Expr Left, Expr Right, string Source) : Expr
{
    public override string Text => Source;

    public override object Evaluate(Bindings bindings)
    {
        object left = Left.Evaluate(bindings);
        if (Operator == "&&" && left is false) return false;
        if (Operator == "||" && left is true) return true;
        return Values.Binary(Operator, left, Right.Evaluate(bindings), Source);
    }
}

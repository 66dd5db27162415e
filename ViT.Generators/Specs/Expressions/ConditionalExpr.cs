namespace ViT.Generators.Specs.Expressions;

/// <summary><c>condition ? a : b</c>.</summary>
public sealed record ConditionalExpr(Expr Condition, Expr WhenTrue, Expr WhenFalse, string Source) : Expr
{
    public override string Text => Source;

    public override object Evaluate(Bindings bindings) => Condition.Evaluate(bindings) switch
    {
        true => WhenTrue.Evaluate(bindings),
        false => WhenFalse.Evaluate(bindings),
        var other => throw new EvaluationException($"{Condition.Text} is {Values.Format(other)}, not true or false"),
    };
}

namespace ViT.Generators.Specs.Expressions;

/// <summary>An argument that cannot be evaluated at a use (a method call, a name the generator cannot see): says why when evaluated.</summary>
public sealed record InvalidExpr(string Reason, string Source) : Expr
{
    public override string Text => Source;

    public override object Evaluate(Bindings bindings) => throw new EvaluationException(Reason);
}

namespace ViT.Generators.Specs.Expressions;

/// <summary>One of the class's constants, such as <c>Width</c>: its value at the use being evaluated.</summary>
public sealed record ParameterExpr(string Name, string Source) : Expr
{
    public override string Text => Source;

    public override object Evaluate(Bindings bindings) =>
        bindings.Parameter(Name) ?? throw new EvaluationException($"{Source} has no value here");
}

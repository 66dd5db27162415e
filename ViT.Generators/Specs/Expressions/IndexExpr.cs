namespace ViT.Generators.Specs.Expressions;

/// <summary>
/// <c>Index</c> in a <c>[Repeat]</c>'s arguments: the use's position in the repeat, from 0, for values that change along
/// a stage (EfficientNet's drop-path rate grows block by block). Evaluated per use, as <see cref="Deferred"/>.
/// </summary>
public sealed record IndexExpr(string Source) : Expr
{
    /// <summary>The name a repeat's arguments may use.</summary>
    public const string Name = "Index";

    public override string Text => Source;

    public override object Evaluate(Bindings bindings) =>
        bindings.Parameter(Name) ?? throw new EvaluationException($"{Source} is the position of a use in a [Repeat]; only a [Repeat]'s arguments know it");
}

namespace ViT.Generators.Specs.Expressions;

/// <summary><c>In.Channels</c> and its kin: a size of the shape the block receives where it is used.</summary>
/// <param name="Dimension">The member of <c>In</c>: <c>Channels</c>, <c>Height</c>, <c>Width</c>, <c>Tokens</c>, <c>Dim</c> or <c>Features</c>.</param>
public sealed record InputExpr(string Dimension, string Source) : Expr
{
    public override string Text => Source;

    public override object Evaluate(Bindings bindings) => bindings.InputSize(Dimension, Source);
}

namespace ViT.Generators.Specs.Expressions;

/// <summary>
/// An attribute argument as a plain value: a constant the compiler worked out, or, where it depends on a block's
/// constants or on <c>In</c>, the C# expression itself, evaluated again at every use with that use's values. Only what
/// C# allows in a constant expression is needed (numbers, names, operators, <c>?:</c>, casts).
/// </summary>
public abstract record Expr
{
    /// <summary>The expression as the user wrote it, for messages.</summary>
    public abstract string Text { get; }

    /// <summary>
    /// The value with <paramref name="bindings"/>: a <c>long</c> (integers and enum members), <c>double</c>, <c>bool</c>,
    /// <c>string</c>, a <see cref="ModelReference"/> or a <see cref="UseArguments"/>. Throws
    /// <see cref="EvaluationException"/> with the reason when there is none (a division by zero, an unknown name).
    /// </summary>
    public abstract object Evaluate(Bindings bindings);
}

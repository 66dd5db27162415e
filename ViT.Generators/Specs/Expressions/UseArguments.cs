using ViT.Generators.Helpers;

namespace ViT.Generators.Specs.Expressions;

/// <summary>The values a use gives a block's constants, evaluated; matched to the constants by the block's instantiation.</summary>
/// <param name="Arguments">In the order written.</param>
/// <param name="Source">The string as written, for messages.</param>
public sealed record UseArguments(EquatableArray<BoundArgument> Arguments, string Source)
{
    public static UseArguments None { get; } = new(EquatableArray<BoundArgument>.Empty, "");
}

/// <summary>One value for a constant: by name or by position (<see cref="Name"/> null), with the text it came from.</summary>
public sealed record BoundArgument(string? Name, object Value, string Text)
{
    /// <summary>Whether it is one of a repeat's <c>First</c> values, bound after the others and over them.</summary>
    public bool Over { get; init; }
}

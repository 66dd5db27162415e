using ViT.Generators.Helpers;

namespace ViT.Generators.Shapes;

/// <summary>A broken constraint, with enough to place a diagnostic on the offending attribute argument and to fix it.</summary>
/// <param name="Id">The diagnostic ID (<see cref="Diagnostics.DiagnosticIds"/>).</param>
/// <param name="AttributeIndex">Index of the offending attribute in the class's attributes, or -1 for the class itself.</param>
/// <param name="Argument">The argument at fault (for example <c>patch</c>), or null for the whole attribute.</param>
/// <param name="Message">What is wrong, the numbers that make it wrong, and the fix.</param>
public sealed record ShapeViolation(string Id, int AttributeIndex, string? Argument, string Message)
{
    /// <summary>A warning: the model runs, but is probably not what was meant.</summary>
    public bool IsWarning { get; init; }

    /// <summary>Values of <see cref="Argument"/> that would be valid, best first; the message lists them and the code fix offers them.</summary>
    public EquatableArray<int> Choices { get; init; } = EquatableArray<int>.Empty;

    /// <summary>A layer attribute (for example <c>Flatten</c>) whose insertion fixes the violation, and where.</summary>
    public LayerInsertion? Insert { get; init; }

    /// <summary>The user's member at fault (a name that clashes with a generated one), or null.</summary>
    public string? Member { get; init; }

    /// <summary>
    /// Where inside a block used here the violation arose (the block's attribute and argument), when it is reported at
    /// the use: the analyzer adds that place as a second location. Null when it arose in this class.
    /// </summary>
    public ViolationOrigin? Origin { get; init; }
}

/// <summary>An attribute argument inside another class: the class's metadata name, the attribute's index, the argument.</summary>
public sealed record ViolationOrigin(string ModelFullName, int AttributeIndex, string? Argument);
